using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GdprOps.GraphSimulator.Http;

namespace GdprOps.GraphSimulator.OData;

/// <summary>
/// The $filter subset Graph clients use on mail, users and groups: comparisons (eq ne gt ge lt le) of a property
/// path with a literal, and/or/not, parentheses, and path/any(x:x eq 'v'). Unknown properties are a 400.
/// </summary>
public sealed class FilterExpression
{
    private readonly Func<Func<string, object?>, bool> predicate;

    private FilterExpression(Func<Func<string, object?>, bool> predicate, IReadOnlyList<string> properties)
    {
        this.predicate = predicate;
        Properties = properties;
    }

    /// <summary>The properties the filter names, in order of first appearance (for the InefficientFilter rule).</summary>
    public IReadOnlyList<string> Properties { get; }

    public bool Matches(Func<string, object?> values) => predicate(values);

    public static FilterExpression Parse(string text, ISet<string> allowed, string errorCode)
    {
        var parser = new Parser(text, allowed, errorCode);
        var result = parser.ParseOr();
        parser.ExpectEnd();
        return new FilterExpression(result, parser.Properties);
    }

    private sealed class Parser
    {
        private readonly string text;
        private readonly ISet<string> allowed;
        private readonly string errorCode;
        private int position;

        public Parser(string text, ISet<string> allowed, string errorCode)
        {
            this.text = text;
            this.allowed = allowed;
            this.errorCode = errorCode;
        }

        public List<string> Properties { get; } = new();

        public Func<Func<string, object?>, bool> ParseOr()
        {
            var left = ParseAnd();
            while (TryKeyword("or"))
            {
                var l = left;
                var r = ParseAnd();
                left = v => l(v) || r(v);
            }

            return left;
        }

        public void ExpectEnd()
        {
            SkipSpaces();
            if (position < text.Length)
            {
                throw Invalid($"Unexpected text at position {position}.");
            }
        }

        private Func<Func<string, object?>, bool> ParseAnd()
        {
            var left = ParseUnary();
            while (TryKeyword("and"))
            {
                var l = left;
                var r = ParseUnary();
                left = v => l(v) && r(v);
            }

            return left;
        }

        private Func<Func<string, object?>, bool> ParseUnary()
        {
            SkipSpaces();
            if (TryKeyword("not"))
            {
                var inner = ParseUnary();
                return v => !inner(v);
            }

            if (Peek() == '(')
            {
                position++;
                var inner = ParseOr();
                SkipSpaces();
                Expect(')');
                return inner;
            }

            string path = ReadPath();
            SkipSpaces();
            int slash = path.LastIndexOf('/');
            if (slash > 0 && path[(slash + 1)..].Equals("any", StringComparison.OrdinalIgnoreCase) && Peek() == '(')
            {
                return ParseAny(path[..slash]);
            }

            string op = ReadWord().ToLowerInvariant();
            SkipSpaces();
            object? literal = ReadLiteral();
            Register(path);
            return op switch
            {
                "eq" => v => Compare(v(path), literal) == 0,
                "ne" => v => Compare(v(path), literal) != 0,
                "gt" => v => Compare(v(path), literal) > 0,
                "ge" => v => Compare(v(path), literal) >= 0,
                "lt" => v => Compare(v(path), literal) < 0,
                "le" => v => Compare(v(path), literal) <= 0,
                _ => throw Invalid($"Unsupported operator '{op}'."),
            };
        }

        private Func<Func<string, object?>, bool> ParseAny(string collection)
        {
            Register(collection);
            Expect('(');
            string variable = ReadWord();
            Expect(':');
            string subject = ReadWord();
            SkipSpaces();
            string op = ReadWord();
            SkipSpaces();
            object? literal = ReadLiteral();
            SkipSpaces();
            Expect(')');
            if (!subject.Equals(variable, StringComparison.Ordinal) || !op.Equals("eq", StringComparison.OrdinalIgnoreCase))
            {
                throw Invalid("Only x:x eq 'value' is supported inside any().");
            }

            return v => v(collection) is IEnumerable values && values.Cast<object?>().Any(item => Compare(item, literal) == 0);
        }

        private void Register(string path)
        {
            if (!allowed.Contains(path))
            {
                throw Invalid($"Could not find a property named '{path}' that can be filtered.");
            }

            if (!Properties.Contains(path, StringComparer.OrdinalIgnoreCase))
            {
                Properties.Add(path);
            }
        }

        private object? ReadLiteral()
        {
            SkipSpaces();
            if (Peek() == '\'')
            {
                position++;
                var chars = new List<char>();
                while (true)
                {
                    if (position >= text.Length)
                    {
                        throw Invalid("Unterminated string literal.");
                    }

                    char c = text[position++];
                    if (c == '\'')
                    {
                        if (Peek() == '\'')
                        {
                            chars.Add('\'');
                            position++;
                            continue;
                        }

                        return new string(chars.ToArray());
                    }

                    chars.Add(c);
                }
            }

            int start = position;
            while (position < text.Length && !char.IsWhiteSpace(text[position]) && text[position] != ')')
            {
                position++;
            }

            string token = text[start..position];
            if (token.Length == 0)
            {
                throw Invalid("A literal was expected.");
            }

            if (token.Equals("true", StringComparison.OrdinalIgnoreCase) || token.Equals("false", StringComparison.OrdinalIgnoreCase))
            {
                return bool.Parse(token);
            }

            if (token.Equals("null", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            if (token.Length >= 10 && token[4] == '-' && DateTimeOffset.TryParse(token, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                return date;
            }

            if (long.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out long number))
            {
                return number;
            }

            throw Invalid($"'{token}' is not a valid literal.");
        }

        private static int Compare(object? actual, object? literal)
        {
            return (actual, literal) switch
            {
                (null, null) => 0,
                (null, _) => -1,
                (_, null) => 1,
                (DateTimeOffset a, DateTimeOffset b) => a.CompareTo(b),
                (string a, string b) => string.Compare(a, b, StringComparison.OrdinalIgnoreCase),
                (bool a, bool b) => a.CompareTo(b),
                (long a, long b) => a.CompareTo(b),
                (int a, long b) => ((long)a).CompareTo(b),
                _ => throw new GraphException(400, "BadRequest", "The types of the operands do not match."),
            };
        }

        private string ReadPath()
        {
            SkipSpaces();
            int start = position;
            while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] == '/' || text[position] == '_'))
            {
                position++;
            }

            if (start == position)
            {
                throw Invalid($"A property was expected at position {position}.");
            }

            return text[start..position];
        }

        private string ReadWord()
        {
            SkipSpaces();
            int start = position;
            while (position < text.Length && char.IsLetterOrDigit(text[position]))
            {
                position++;
            }

            return text[start..position];
        }

        private bool TryKeyword(string keyword)
        {
            SkipSpaces();
            if (position + keyword.Length <= text.Length
                && string.Compare(text, position, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) == 0
                && (position + keyword.Length == text.Length || !char.IsLetterOrDigit(text[position + keyword.Length])))
            {
                position += keyword.Length;
                return true;
            }

            return false;
        }

        private void Expect(char c)
        {
            SkipSpaces();
            if (Peek() != c)
            {
                throw Invalid($"'{c}' was expected at position {position}.");
            }

            position++;
        }

        private char Peek() => position < text.Length ? text[position] : '\0';

        private void SkipSpaces()
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
            {
                position++;
            }
        }

        private GraphException Invalid(string message) => new(400, errorCode, "Invalid filter clause: " + message);
    }
}
