using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using GdprOps.GraphSimulator.Http;

namespace GdprOps.GraphSimulator.OData;

/// <summary>
/// The KQL subset of mail $search: bare terms and phrases (from, subject, body), property restrictions
/// (participants, from, to, cc, bcc, recipients, subject, body, attachment), AND / OR / NOT and parentheses;
/// juxtaposed terms mean AND. Matching is index-like on purpose: case- and accent-insensitive word prefixes,
/// so "Sor" finds "Søren" and "Sørensen" alike. That fuzziness is what clients must verify away.
/// </summary>
public sealed class KqlQuery
{
    private static readonly HashSet<string> Properties = new(StringComparer.OrdinalIgnoreCase)
    {
        "participants", "from", "to", "cc", "bcc", "recipients", "subject", "body", "attachment",
    };

    private readonly Node root;

    private KqlQuery(Node root) => this.root = root;

    /// <summary>Parses the $search option value, which must be wrapped in double quotes.</summary>
    /// <param name="wholeWords">
    /// The other reading of the docs, which do not say whether a term matches the start of a word or only a whole word: a
    /// term then matches only a whole word ("Østergaard" not "Østergaards"). A client must find what it must under both.
    /// </param>
    public static KqlQuery Parse(string option, bool wholeWords = false, bool keepMarks = false)
    {
        string value = option.Trim();
        if (value.Length < 2 || value[0] != '"' || value[^1] != '"')
        {
            throw GraphException.BadRequest("Syntax error: the $search value must be enclosed in double quotes.", "BadRequest");
        }

        var tokens = Tokenize(value[1..^1]);
        int index = 0;
        var node = ParseOr(tokens, ref index, (wholeWords, keepMarks));
        if (index != tokens.Count)
        {
            throw GraphException.BadRequest("Syntax error in the $search query.", "BadRequest");
        }

        return new KqlQuery(node);
    }

    /// <summary>Evaluates the query; <paramref name="field"/> returns the folded text of a property (bare terms use "bare").</summary>
    public bool Matches(Func<string, string> field) => root.Matches(field);

    /// <summary>
    /// Folds text the way the index does: lower case, accents and Nordic letters folded; with <paramref name="keepMarks"/>
    /// (a diacritic-sensitive index) lower case only, spaces made one.
    /// </summary>
    public static string Fold(string text, bool keepMarks = false)
    {
        bool ascii = true;
        foreach (char c in text)
        {
            if (c > 127 || (char.IsWhiteSpace(c) && c != ' '))
            {
                ascii = false;
                break;
            }
        }

        if (ascii && !text.Contains("  ", StringComparison.Ordinal) && !text.StartsWith(' '))
        {
            return text.ToLowerInvariant();
        }

        var builder = new StringBuilder(text.Length);
        foreach (char c in keepMarks ? text.Normalize(NormalizationForm.FormC) : text.Normalize(NormalizationForm.FormD))
        {
            if (!keepMarks && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                if (builder.Length > 0 && builder[^1] != ' ')
                {
                    builder.Append(' ');
                }

                continue;
            }

            builder.Append(keepMarks ? char.ToLowerInvariant(c) : char.ToLowerInvariant(c) switch
            {
                'ø' => 'o',
                'æ' => 'a',
                'ß' => 's',
                char other => other,
            });
        }

        return builder.ToString();
    }

    /// <summary>
    /// True when <paramref name="term"/> occurs where a word of <paramref name="haystack"/> begins (both folded) and, with
    /// <paramref name="wholeWords"/>, also ends where a word ends (see <see cref="Parse"/>).
    /// </summary>
    public static bool StartsWord(string haystack, string term, bool wholeWords = false)
    {
        for (int at = haystack.IndexOf(term, StringComparison.Ordinal); at >= 0; at = haystack.IndexOf(term, at + 1, StringComparison.Ordinal))
        {
            int end = at + term.Length;
            if ((at == 0 || !char.IsLetterOrDigit(haystack[at - 1])) && (!wholeWords || end == haystack.Length || !char.IsLetterOrDigit(haystack[end])))
            {
                return true;
            }
        }

        return false;
    }

    private static Node ParseOr(List<Token> tokens, ref int index, (bool WholeWords, bool KeepMarks) reading)
    {
        var left = ParseAnd(tokens, ref index, reading);
        while (index < tokens.Count && tokens[index].IsOperator("OR"))
        {
            index++;
            var right = ParseAnd(tokens, ref index, reading);
            left = new Or(left, right);
        }

        return left;
    }

    private static Node ParseAnd(List<Token> tokens, ref int index, (bool WholeWords, bool KeepMarks) reading)
    {
        var left = ParseUnary(tokens, ref index, reading);
        while (index < tokens.Count && !tokens[index].IsOperator("OR") && tokens[index].Text != ")")
        {
            if (tokens[index].IsOperator("AND"))
            {
                index++;
            }

            var right = ParseUnary(tokens, ref index, reading);
            left = new And(left, right);
        }

        return left;
    }

    private static Node ParseUnary(List<Token> tokens, ref int index, (bool WholeWords, bool KeepMarks) reading)
    {
        if (index >= tokens.Count)
        {
            throw GraphException.BadRequest("Syntax error: the $search query ends too early.", "BadRequest");
        }

        var token = tokens[index++];
        if (token.IsOperator("NOT"))
        {
            return new Not(ParseUnary(tokens, ref index, reading));
        }

        if (token.Text == "(" && !token.Quoted)
        {
            var inner = ParseOr(tokens, ref index, reading);
            if (index >= tokens.Count || tokens[index].Text != ")")
            {
                throw GraphException.BadRequest("Syntax error: ')' expected in the $search query.", "BadRequest");
            }

            index++;
            return inner;
        }

        if (token.Property is not null && !Properties.Contains(token.Property))
        {
            throw GraphException.BadRequest($"The simulator does not support the KQL property '{token.Property}'.", "BadRequest");
        }

        return new Term(token.Property ?? "bare", Fold(token.Text, reading.KeepMarks), reading.WholeWords);
    }

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c is '(' or ')')
            {
                tokens.Add(new Token(null, c.ToString(), false));
                i++;
                continue;
            }

            string? property = null;
            int colon = IndexOfPropertyColon(text, i);
            if (colon > 0)
            {
                property = text[i..colon];
                i = colon + 1;
            }

            if (i + 1 < text.Length && text[i] == '\\' && text[i + 1] == '"')
            {
                int end = text.IndexOf("\\\"", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw GraphException.BadRequest("Syntax error: unterminated phrase in the $search query.", "BadRequest");
                }

                tokens.Add(new Token(property, text[(i + 2)..end], true));
                i = end + 2;
                continue;
            }

            int start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not '(' and not ')')
            {
                if (text[i] == '"')
                {
                    throw GraphException.BadRequest("Syntax error: character '\"' is not valid at position " + (i + 1) + ".", "BadRequest");
                }

                i++;
            }

            tokens.Add(new Token(property, text[start..i], false));
        }

        return tokens;
    }

    private static int IndexOfPropertyColon(string text, int start)
    {
        for (int i = start; i < text.Length && char.IsLetter(text[i]); i++)
        {
            if (i + 1 < text.Length && text[i + 1] == ':')
            {
                return i + 1;
            }
        }

        return -1;
    }

    private sealed record Token(string? Property, string Text, bool Quoted)
    {
        public bool IsOperator(string op) => !Quoted && Property is null && Text == op;
    }

    private abstract class Node
    {
        public abstract bool Matches(Func<string, string> field);
    }

    private sealed class And(Node left, Node right) : Node
    {
        public override bool Matches(Func<string, string> field) => left.Matches(field) && right.Matches(field);
    }

    private sealed class Or(Node left, Node right) : Node
    {
        public override bool Matches(Func<string, string> field) => left.Matches(field) || right.Matches(field);
    }

    private sealed class Not(Node inner) : Node
    {
        public override bool Matches(Func<string, string> field) => !inner.Matches(field);
    }

    private sealed class Term(string property, string folded, bool wholeWords) : Node
    {
        public override bool Matches(Func<string, string> field)
        {
            string haystack = field(property);
            if (folded.Length == 0)
            {
                return true;
            }

            return StartsWord(haystack, folded, wholeWords);
        }
    }
}
