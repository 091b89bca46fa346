using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;

namespace GdprOps.Detection.Discovery;

/// <summary>
/// Terms that reveal special categories of personal data (GDPR Art. 9) and criminal data (Art. 10), in English,
/// Danish and Dutch, read from the data file special-categories.tsv (embedded): one line per term with its category,
/// language, strength and the reason for that strength. A trailing '*' matches word prefixes (inflections, compounds
/// that begin with the term); '*stem*' also matches inside a word (compounds that end with it); '*word' matches the word
/// and a compound that ends with it or one of its forms ("brystkræft", "borstkanker": an <see cref="Term.Infix"/> term
/// that is no prefix). A term of one word (or words joined by a hyphen) also matches the regular inflections of its last
/// word in its language (<see cref="Inflections"/>: "kræft" -> "kræften", "huisarts" -> "huisartsen"), unless it ends
/// with '=' (a form of another meaning: "vast" -> "vaste"); "=-form,form" leaves out only those forms ("kræfter" is
/// "forces" far more often than "cancers").
/// A weak term is common without the category and needs a second term; a strong one names the category. Four kinds of weak
/// term are strong where the words around them say so (see <see cref="TermContexts"/>): a name of a party or a
/// union after a word of membership ("aktiv i Enhedslisten", "lid van de VVD", "joined the GMB"), a state after a copula
/// ("er blind", "is doof", not "is blind to the risks"), an origin after a capitalised adjective ("of Polish origin",
/// "een Vietnamese achtergrond"), a place of worship after a verb of going there ("goes to the gurdwara", "bezoekt elke
/// vrijdag de moskee").
/// </summary>
public static class SpecialCategoryLexicon
{
    private const string ResourceName = "GdprOps.special-categories.tsv";

    /// <summary>
    /// One lexicon term: its category, words, whether the last word is a prefix or an infix stem, its strength, and the
    /// other forms its last word matches in (its inflections; none for a prefix, a phrase or an entry that opts out).
    /// </summary>
    public sealed record Term(string Category, string[] Words, bool Prefix, bool Weak, string Text, bool Infix = false, string Language = "", string Reason = "")
    {
        public string[] Forms { get; init; } = Array.Empty<string>();

        /// <summary>What makes a weak term strong where it stands: nothing, or the words around it (<see cref="TermContext"/>).</summary>
        public TermContext Context { get; init; }

        /// <summary>Whether <paramref name="word"/> is one of <see cref="Forms"/> (compared as <paramref name="comparison"/> says).</summary>
        internal bool HasForm(ReadOnlySpan<char> word, StringComparison comparison)
        {
            foreach (string form in Forms)
            {
                if (word.Equals(form.AsSpan(), comparison))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// The strengths a lexicon line may give, each with whether the term is weak alone and what context makes it strong
    /// (declared before <see cref="All"/>: its loading reads them).
    /// </summary>
    private static readonly Dictionary<string, (bool Weak, TermContext Context)> Strengths = new(StringComparer.Ordinal)
    {
        ["strong"] = (false, TermContext.None),
        ["weak"] = (true, TermContext.None),
        ["name"] = (true, TermContext.Name),
        ["state"] = (true, TermContext.State),
        ["origin"] = (true, TermContext.Origin),
        ["place"] = (true, TermContext.Place),
    };

    public static readonly IReadOnlyList<Term> All = Load();

    /// <summary>
    /// The terms that the words around them can make strong (<see cref="Term.Context"/>), by category and text as a hit
    /// carries them (the same text in two languages of a category is one entry, and has one context).
    /// </summary>
    internal static readonly Dictionary<(string Category, string Text), TermContext> ContextOf = All.Where(t => t.Context != TermContext.None)
        .GroupBy(t => (t.Category, t.Text)).ToDictionary(g => g.Key, g => g.First().Context);

    private static Term[] Load()
    {
        using var stream = typeof(SpecialCategoryLexicon).GetTypeInfo().Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("The special-category lexicon is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader);
    }

    /// <summary>The terms of lexicon lines in the format of special-categories.tsv.</summary>
    /// <exception cref="InvalidOperationException">A line that is not in that format, naming the line.</exception>
    internal static Term[] Parse(TextReader reader)
    {
        var terms = new List<Term>();
        foreach (var (number, fields) in DataLines.Read(reader))
        {
            if (fields.Length < 4 || !DetectorIds.SpecialCategories.Contains(fields[0]) || !Strengths.TryGetValue(fields[3], out var strength))
            {
                throw new InvalidOperationException($"special-categories.tsv line {number} is not 'category<TAB>language<TAB>term<TAB>{string.Join("|", Strengths.Keys)}<TAB>reason'.");
            }

            string text = fields[2].Trim().ToLowerInvariant();
            // "word=": no inflected forms; "word=-form,form": all but those (forms that are words of another meaning).
            int equals = text.IndexOf('=');
            string? formRule = equals < 0 ? null : text.Substring(equals + 1);
            text = equals < 0 ? text : text.Substring(0, equals);
            if (formRule is not null && formRule.Length > 0 && formRule[0] != '-')
            {
                throw new InvalidOperationException($"special-categories.tsv line {number}: after '=' comes nothing or '-' and the forms left out.");
            }

            bool exactOnly = formRule?.Length == 0;
            var notForms = formRule is { Length: > 0 } ? formRule.Substring(1).Split(',').Select(f => f.Trim()).ToArray() : Array.Empty<string>();
            bool infix = text.Length > 2 && text[0] == '*' && text[text.Length - 1] == '*';
            // "*stem": a compound that ends with the word or one of its forms ("brystkræft", "borstkanker").
            bool suffix = !infix && text.Length > 1 && text[0] == '*' && text.IndexOf('*', 1) < 0;
            string bare = infix ? text.Substring(1, text.Length - 2) : suffix ? text.Substring(1) : text;
            bool prefix = infix || bare.EndsWith("*", StringComparison.Ordinal);
            string words = bare.TrimEnd('*');
            // Words as the tokenizer sees them: a hyphen or an apostrophe separates ("far-right", "jehovah's").
            string[] split = words.Split(new[] { ' ', '-', '\'' }, StringSplitOptions.RemoveEmptyEntries);
            if (suffix && split.Length != 1)
            {
                throw new InvalidOperationException($"special-categories.tsv line {number}: a '*word' compound ending is one word.");
            }

            // A phrase's last word is not inflected: "zijn man" (his husband) is not "zijn mannen" (his men).
            bool inflects = !exactOnly && !prefix && words.IndexOf(' ') < 0;
            var forms = inflects ? Inflections.Of(split[split.Length - 1], fields[1]) : Array.Empty<string>();
            var unknown = notForms.Where(f => !forms.Contains(f, StringComparer.Ordinal)).ToList();
            if (unknown.Count > 0)
            {
                throw new InvalidOperationException($"special-categories.tsv line {number}: '{string.Join(",", unknown)}' is no form of the term to leave out.");
            }

            terms.Add(new Term(fields[0], split, prefix, strength.Weak, text,
                (infix || suffix) && words.IndexOfAny(new[] { ' ', '-', '\'' }) < 0, fields[1], fields.Length > 4 ? fields[4] : string.Empty)
            {
                Forms = forms.Except(notForms, StringComparer.Ordinal).ToArray(),
                Context = strength.Context,
            });
        }

        return terms.ToArray();
    }
}

/// <summary>What makes a weak term strong where it stands (special-categories.tsv's strengths name, state, origin and place).</summary>
public enum TermContext
{
    /// <summary>Nothing: the term is as strong as its entry says.</summary>
    None,

    /// <summary>The name of a party or a union, strong after a word of membership or before a word of a member.</summary>
    Name,

    /// <summary>A state of a person (blind, deaf), strong right after a copula and not before "to" or "for".</summary>
    State,

    /// <summary>An origin or a background, strong after a capitalised adjective: "of Polish origin".</summary>
    Origin,

    /// <summary>A place of worship, strong a few words after a verb of going there: "goes to the mosque", "går i kirke".</summary>
    Place,
}
