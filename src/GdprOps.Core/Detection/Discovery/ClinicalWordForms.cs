using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace GdprOps.Detection.Discovery;

/// <summary>
/// Health written in the forms of clinical language, for conditions no list names (clinical-word-forms.tsv, embedded):
/// a word ending as conditions and procedures end ("tonsillitis", "hysterektomi", "fibromyalgie"); a part of the body
/// with a head that names an injury, pain, operation or illness, as one compound ("rygskade", "heupbreuk", "backache")
/// or two words ("knee surgery"); and an injury done to a part ("broke his wrist", "brækket anklen", "zijn enkel
/// verstuikt"). Each rule is a strong <see cref="SpecialCategoryLexicon.Term"/> of <see cref="DetectorIds.Health"/>.
/// The word loop asks <see cref="QuickCheck.MayEnd"/> for each word: one bit of a table keyed by the word's last five letters
/// (a word of four: its first, second and last) turns away nearly every word before anything else is read.
/// </summary>
internal static class ClinicalWordForms
{
    private const string ResourceName = "GdprOps.clinical-word-forms.tsv";

    private enum Kind
    {
        Ending,
        Head,
        Verb,
    }

    /// <summary>One rule: its kind, language, the word forms it is written in, and the term its finding stands for.</summary>
    private sealed class Rule
    {
        public Rule(Kind kind, string language, string[] forms, bool joins, bool named, SpecialCategoryLexicon.Term term)
        {
            Kind = kind;
            Language = language;
            Forms = forms;
            Joins = joins;
            Named = named;
            Term = term;
        }

        /// <summary>A verb that goes only with the parts that name it: "removed" is said of an appendix, not of a hand.</summary>
        public bool Named { get; }

        /// <summary>A head that also ends a compound ("rygskade"), not only its own word after a part ("knee surgery").</summary>
        public bool Joins { get; }

        /// <summary>The word must be one of the forms itself: a verb, or a head that does not join.</summary>
        public bool Whole => Kind == Kind.Verb || (Kind == Kind.Head && !Joins);

        public Kind Kind { get; }

        public string Language { get; }

        public string[] Forms { get; }

        public SpecialCategoryLexicon.Term Term { get; }
    }

    /// <summary>A part of the body in one language: its forms (Exact: only as a whole first element) and the rules it goes with (all when null).</summary>
    private sealed class Part
    {
        public Part(string language, (string Form, bool Exact)[] forms, HashSet<Rule>? allowed, HashSet<Rule> named)
        {
            Language = language;
            Forms = forms;
            Allowed = allowed;
            Named = named;
        }

        public string Language { get; }

        public (string Form, bool Exact)[] Forms { get; }

        /// <summary>The heads and verbs the part goes with, all when null (a removal verb it names does not count here).</summary>
        public HashSet<Rule>? Allowed { get; }

        /// <summary>The removal verbs the part names: the only ones it goes with.</summary>
        public HashSet<Rule> Named { get; }

        public bool GoesWith(Rule rule) => rule.Named ? Named.Contains(rule) : Allowed is null || Allowed.Contains(rule);
    }

    /// <summary>
    /// The last five letters of every rule's form, as <see cref="Key"/> reads them, one bit each of an 8 KB table, for words of
    /// five letters or more. A form of four letters sets a bit for each letter that may stand before it ("backache",
    /// "spain"). Three letters, or four, let a third of a text's words through; five let through about one in a hundred.
    /// </summary>
    private static readonly ulong[] EndBits = new ulong[65536 / 64];

    /// <summary>
    /// A word of four letters is asked by its first, second and last letter instead (one bit each of a 4 KB table, from the
    /// heads and verbs of four letters: "pain", "hurt", "brud"): most words of a log are four letters ("INFO", "user", "from").
    /// </summary>
    private static readonly ulong[] FourBits = new ulong[32768 / 64];

    /// <summary>The first letters (low five bits) of the heads and verbs of four letters: asked before <see cref="FourBits"/>.</summary>
    private static uint s_fourFirsts;

    /// <summary>The rule forms by their last four letters (a form of four) or five (a longer one), lower-case.</summary>
    private static readonly Dictionary<string, List<(string Form, Rule Rule)>> FormsByEnding = new(StringComparer.Ordinal);

    private static readonly Dictionary<string, List<Part>> PartsByLanguage = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, List<Part>> PartsOfForm = new(StringComparer.Ordinal);
    private static readonly HashSet<string> Excepted = new(StringComparer.Ordinal);
    private static readonly HashSet<string> Carriers = new(StringComparer.Ordinal);

    /// <summary>Endings no condition has ("*gnosis": "prognosis" and its misspellings; "diagnosis" is the lexicon's).</summary>
    private static readonly List<string> ExceptedEndings = new();

    /// <summary>Every rule, as <see cref="Parse"/> read them.</summary>
    private static readonly List<Rule> Rules = new();

    /// <summary>The endings that are also words of their own ("sarcoma", "lymfom"; written with '=').</summary>
    private static readonly HashSet<string> WholeEndings = new(StringComparer.Ordinal);

    /// <summary>Every rule's term (for tests and the help: what the rules can report).</summary>
    internal static readonly IReadOnlyList<SpecialCategoryLexicon.Term> Terms = Load();

    /// <summary>The parts' forms by their last three letters (two for a form of two), for the first element of a compound.</summary>
    private static readonly SpanKeyedMap<(string Form, bool Exact, Part Part)[]> PartsByTail = new(
        PartsByLanguage.Values.SelectMany(parts => parts).SelectMany(part => part.Forms.Select(f => (f.Form, f.Exact, Part: part)))
            .GroupBy(f => f.Form.Substring(f.Form.Length - Math.Min(3, f.Form.Length)), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal));

    /// <summary>The parts by each of their forms, looked up without a string (filled by <see cref="Load"/> above).</summary>
    private static readonly SpanKeyedMap<List<Part>> PartsByForm = new(PartsOfForm);

    /// <summary>
    /// The languages in which a word joins a head to the part after it ("pain in his back", "smerter i ryggen", "pijn in de rug",
    /// "operatie aan zijn knie", "problemer med ryggen").
    /// </summary>
    private static readonly SpanKeyedMap<string[]> Prepositions = new(new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["in"] = new[] { "en", "nl" }, ["on"] = new[] { "en" }, ["to"] = new[] { "en" }, ["with"] = new[] { "en" },
        ["i"] = new[] { "da" }, ["på"] = new[] { "da" }, ["med"] = new[] { "da" },
        ["aan"] = new[] { "nl" }, ["op"] = new[] { "nl" }, ["met"] = new[] { "nl" },
    });

    /// <summary>
    /// The words that may stand between such a preposition and the part: possessives, and in Dutch the article, as it names a
    /// part of the body ("pijn in de rug"). Not the English article: "a pain in the neck" is a nuisance.
    /// </summary>
    private static readonly (string Word, string Language)[] PossessiveWords =
    {
        ("his", "en"), ("her", "en"), ("their", "en"), ("my", "en"), ("your", "en"),
        ("sin", "da"), ("sit", "da"), ("sine", "da"), ("hans", "da"), ("hendes", "da"), ("deres", "da"), ("min", "da"), ("mit", "da"), ("mine", "da"),
        ("zijn", "nl"), ("haar", "nl"), ("hun", "nl"), ("mijn", "nl"), ("de", "nl"), ("het", "nl"),
    };

    private static readonly SpanKeyedMap<string[]> Possessives = LanguagesByWord(PossessiveWords);

    /// <summary>
    /// The languages in which a word may stand between a verb and the part: a possessive, or an article or numeral ("broke his
    /// wrist", "broke a rib", "brak zijn arm", "brækket et ribben").
    /// </summary>
    private static readonly SpanKeyedMap<string[]> Determiners = LanguagesByWord(PossessiveWords.Concat(new (string Word, string Language)[]
    {
        ("a", "en"), ("an", "en"), ("both", "en"), ("one", "en"), ("et", "da"), ("en", "da"), ("begge", "da"), ("een", "nl"), ("beide", "nl"),
    }));

    /// <summary>The words that may stand between a part and the verb after it: "her wrist was broken", "hans arm er brækket".</summary>
    private static readonly SpanKeyedMap<string[]> Auxiliaries = LanguagesByWord(new (string Word, string Language)[]
    {
        ("is", "en"), ("was", "en"), ("were", "en"), ("been", "en"), ("er", "da"), ("var", "da"), ("blev", "da"), ("bliver", "da"),
        ("is", "nl"), ("was", "nl"), ("werd", "nl"), ("wordt", "nl"), ("zijn", "nl"), ("waren", "nl"),
    });

    /// <summary>Each word with the languages it is written in, looked up without a string.</summary>
    private static SpanKeyedMap<string[]> LanguagesByWord(IEnumerable<(string Word, string Language)> words) =>
        new(words.GroupBy(w => w.Word, w => w.Language, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal));

    /// <summary>The shortest word a rule reads, and the shortest form.</summary>
    private const int ShortestWord = 4;

    /// <summary><see cref="FormsByEnding"/>, looked up without a string.</summary>
    private static readonly SpanKeyedMap<(string Form, Rule Rule)[]> ByEnding =
        new(FormsByEnding.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal));

    /// <summary>Longer words are not read (no clinical word is this long).</summary>
    private const int LongestWord = 64;

    private static SpecialCategoryLexicon.Term[] Load()
    {
        using var stream = typeof(ClinicalWordForms).GetTypeInfo().Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("The clinical word forms are missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader);
    }

    private static SpecialCategoryLexicon.Term[] Parse(TextReader reader)
    {
        var rules = Rules;
        var parts = new List<(string Language, (string, bool)[] Forms, string[] Allowed, int Line)>();
        foreach (var (number, fields) in DataLines.Read(reader))
        {
            if (fields.Length < 4 || fields[1] is not ("en" or "da" or "nl"))
            {
                throw new InvalidOperationException($"clinical-word-forms.tsv line {number} is not 'kind<TAB>en|da|nl<TAB>text<TAB>reason'.");
            }

            string language = fields[1];
            string[] texts = fields[2].Split('|').Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).ToArray();
            switch (fields[0])
            {
                case "except":
                    Excepted.UnionWith(texts.Where(t => t[0] != '*'));
                    ExceptedEndings.AddRange(texts.Where(t => t[0] == '*').Select(t => t.Substring(1)));
                    break;
                case "carrier":
                    Carriers.UnionWith(texts);
                    break;
                case "part":
                    if (texts.Any(t => t.TrimEnd('=').Length < 2))
                    {
                        throw new InvalidOperationException($"clinical-word-forms.tsv line {number}: a part is written with two letters or more.");
                    }

                    parts.Add((language, texts.Select(t => (t.TrimEnd('='), t.EndsWith("=", StringComparison.Ordinal))).ToArray(),
                        fields.Length > 4 ? fields[4].Split(',').Select(a => a.Trim()).Where(a => a.Length > 0).ToArray() : Array.Empty<string>(), number));
                    break;
                case "ending" or "head" or "apart" or "verb" or "removal":
                    var kind = fields[0] == "ending" ? Kind.Ending : fields[0] is "head" or "apart" ? Kind.Head : Kind.Verb;
                    // The forms as written and, for an ending or a head, their regular inflections ("breuk" -> "breuken").
                    // An ending written with '=' is also a word of its own ("sarcoma"), as are its forms.
                    var alone = texts.Where(t => kind == Kind.Ending && t.EndsWith("=", StringComparison.Ordinal)).Select(t => t.TrimEnd('=')).ToList();
                    texts = texts.Select(t => t.TrimEnd('=')).ToArray();
                    WholeEndings.UnionWith(alone.Concat(alone.SelectMany(t => Inflections.Of(t, language))));
                    // A head's regular inflections are added ("breuk" -> "breuken"); an ending's are written out ("-oses" ends "purposes").
                    var forms = kind != Kind.Head ? texts : texts.Concat(texts.SelectMany(t => Inflections.Of(t, language))).Distinct(StringComparer.Ordinal).ToArray();
                    string shown = kind switch
                    {
                        Kind.Ending => "*" + texts[0],
                        Kind.Head => "(part of the body) " + texts[0],
                        _ when fields[0] == "removal" => "(an organ) " + texts[0],
                        _ => texts[0] + " (a part of the body)",
                    };
                    var rule = new Rule(kind, language, forms, fields[0] != "apart", fields[0] == "removal", new SpecialCategoryLexicon.Term(DetectorIds.Health, new[] { texts[0] }, false, false, shown, false, language, fields[3]));
                    rules.Add(rule);
                    foreach (string form in forms)
                    {
                        if (form.Length < ShortestWord)
                        {
                            throw new InvalidOperationException($"clinical-word-forms.tsv line {number}: '{form}' is shorter than {ShortestWord} letters.");
                        }

                        string ending = form.Substring(form.Length - Math.Min(form.Length, 5));
                        if (form.Length == 4 && kind != Kind.Ending)
                        {
                            int four = FourKey(form[0], form[1], form[3]);
                            FourBits[four >> 6] |= 1UL << four;
                            s_fourFirsts |= 1u << (form[0] & 31) | 1u << (char.ToUpperInvariant(form[0]) & 31);
                        }

                        for (uint before = 0; before < (ending.Length == 4 ? 32u : 1u); before++) // after any letter (five bits)
                        {
                            int key = Key((before << 20) | Fives(ending.AsSpan()));
                            EndBits[key >> 6] |= 1UL << key;
                        }

                        if (!FormsByEnding.TryGetValue(ending, out var list))
                        {
                            FormsByEnding[ending] = list = new List<(string, Rule)>();
                        }

                        list.Add((form, rule));
                    }

                    break;
                default:
                    throw new InvalidOperationException($"clinical-word-forms.tsv line {number}: '{fields[0]}' is no kind (ending, head, apart, verb, removal, part, carrier, except).");
            }
        }

        foreach (var (language, forms, allowedNames, line) in parts)
        {
            var allowed = new HashSet<Rule>();
            foreach (string name in allowedNames)
            {
                var named = rules.Where(r => r.Kind != Kind.Ending && r.Language == language && r.Forms.Contains(name, StringComparer.Ordinal)).ToList();
                if (named.Count == 0)
                {
                    throw new InvalidOperationException($"clinical-word-forms.tsv line {line}: '{name}' is no head or verb of language {language}.");
                }

                allowed.UnionWith(named);
            }

            // A part that names only removal verbs goes with every other head and verb ("kidney": "kidney stones", "kidney removed").
            var removals = new HashSet<Rule>(allowed.Where(r => r.Named));
            allowed.ExceptWith(removals);
            var part = new Part(language, forms, allowed.Count > 0 ? allowed : null, removals);
            if (!PartsByLanguage.TryGetValue(language, out var ofLanguage))
            {
                PartsByLanguage[language] = ofLanguage = new List<Part>();
            }

            ofLanguage.Add(part);
            foreach (var (form, _) in forms)
            {
                if (!PartsOfForm.TryGetValue(form, out var ofForm))
                {
                    PartsOfForm[form] = ofForm = new List<Part>();
                }

                ofForm.Add(part);
            }
        }

        return rules.Select(r => r.Term).ToArray();
    }

    /// <summary>Each rule's kind (ending, head, verb), language and forms, and the words a part is written in (for tests).</summary>
    internal static IEnumerable<(string Kind, string Language, string Form)> Forms() =>
        Rules.SelectMany(r => r.Forms.Select(f => (r.Kind.ToString().ToLowerInvariant(), r.Language, f)))
            .Concat(PartsByLanguage.SelectMany(p => p.Value.SelectMany(part => part.Forms.Select(f => ("part", p.Key, f.Form)))));

    /// <summary>
    /// Up to five letters as a number, five bits each (the low five bits of each character: the same for a letter's two cases;
    /// outside ASCII they only spread the keys, and <see cref="Find"/> compares the letters themselves).
    /// </summary>
    private static uint Fives(ReadOnlySpan<char> letters)
    {
        uint value = 0;
        foreach (char c in letters)
        {
            value = (value << 5) | (c & 31u);
        }

        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FourKey(char first, char second, char last) => (int)(((first & 31u) << 10) | ((second & 31u) << 5) | (last & 31u));

    /// <summary>The table bit of a number of <see cref="Fives"/>, hashed to 16 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Key(uint fives) => (int)((fives * 2654435761u) >> 16);

    /// <summary>
    /// Whether the word [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="text"/> may be read by a rule
    /// (<see cref="QuickCheck.MayEnd"/>).
    /// </summary>
    public static bool MayEnd(string text, int start, int end) => Check.MayEnd(text, start, end);

    /// <summary>The quick check, for a word loop to take once before it starts (the tables are then its fields, read without asking whether this class is set up).</summary>
    public static readonly QuickCheck Check = new(EndBits, FourBits, s_fourFirsts);

    /// <summary>The bit tables in front of the rules.</summary>
    internal sealed class QuickCheck
    {
        private readonly ulong[] _ends;
        private readonly ulong[] _fours;
        private readonly uint _fourFirsts;

        public QuickCheck(ulong[] ends, ulong[] fours, uint fourFirsts)
        {
            _ends = ends;
            _fours = fours;
            _fourFirsts = fourFirsts;
        }

        /// <summary>
        /// Whether the word [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="text"/> may be read by a rule:
        /// its last five letters end some rule's form (a word of four: its first, second and last letter are those of a head
        /// or verb of four). False for nearly every word; one bit, cheap enough to ask of each word.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool MayEnd(string text, int start, int end)
        {
            int length = end - start;
            if (length < ShortestWord || length > LongestWord)
            {
                return false;
            }

            // The word's letters are in the text (checked above): read without bounds checks.
            ref char last = ref Unsafe.Add(ref MemoryMarshal.GetReference(text.AsSpan()), end - 1);
            if (length == 4)
            {
                // Most words of four start with none of the few letters a head or verb of four starts with ("INFO", "user", "from").
                char first = Unsafe.Add(ref last, -3);
                if ((_fourFirsts & (1u << (first & 31))) == 0)
                {
                    return false;
                }

                int four = FourKey(first, Unsafe.Add(ref last, -2), last);
                return (_fours[four >> 6] & (1UL << four)) != 0;
            }

            uint fives = ((Unsafe.Add(ref last, -4) & 31u) << 20) | ((Unsafe.Add(ref last, -3) & 31u) << 15) | ((Unsafe.Add(ref last, -2) & 31u) << 10)
                | ((Unsafe.Add(ref last, -1) & 31u) << 5) | (last & 31u);
            int key = Key(fives);
            return (_ends[key >> 6] & (1UL << key)) != 0;
        }
    }

    /// <summary>
    /// Adds to <paramref name="found"/> the terms of the rules the word [<paramref name="start"/>, <paramref name="end"/>)
    /// completes, with the words around it (a part before a head, a part after a verb). Asked only where <see cref="MayEnd"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Find(string text, int start, int end, List<SpecialCategoryLexicon.Term> found)
    {
        if (IsIdentifier(text.AsSpan(start, end - start)))
        {
            return;
        }

        Span<char> buffer = stackalloc char[LongestWord];
        var word = DiscoveryScanner.Lower(text.AsSpan(start, end - start), buffer);
        Find(text, start, word, ByEnding.Get(word.Slice(word.Length - 4)), found);
        if (word.Length >= 5)
        {
            Find(text, start, word, ByEnding.Get(word.Slice(word.Length - 5)), found);
        }
    }

    private static void Find(string text, int start, ReadOnlySpan<char> word, (string Form, Rule Rule)[]? candidates, List<SpecialCategoryLexicon.Term> found)
    {
        int end = start + word.Length;
        foreach (var (form, rule) in candidates ?? Array.Empty<(string, Rule)>())
        {
            // A verb, or a head that does not join ("knee surgery"), is a word of its own; a head that joins also ends a compound.
            if (form.Length > word.Length || (rule.Whole && form.Length != word.Length) || !word.EndsWith(form.AsSpan(), StringComparison.Ordinal)
                || found.Contains(rule.Term))
            {
                continue;
            }

            bool matched = rule.Kind switch
            {
                Kind.Ending => (word.Length - form.Length >= 3 || (word.Length == form.Length && WholeEndings.Contains(form)))
                    && !Excepted.Contains(word.ToString()) && !EndsExcepted(word) && !AfterCarrier(text, start),
                Kind.Head => form.Length == word.Length ? PartBefore(text, start, rule, word) || PartAfterPreposition(text, end, rule)
                    : CompoundOfPart(word.Slice(0, word.Length - form.Length), rule),
                _ => PartAfterVerb(text, end, rule) || PartBeforeVerb(text, start, rule),
            };

            if (matched)
            {
                found.Add(rule.Term);
            }
        }
    }

    /// <summary>A word with a capital after a small letter is a name in code ("ArmOperation", "PainPoint"), not a compound.</summary>
    private static bool IsIdentifier(ReadOnlySpan<char> word)
    {
        for (int i = 1; i < word.Length; i++)
        {
            if (char.IsUpper(word[i]) && char.IsLower(word[i - 1]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool EndsExcepted(ReadOnlySpan<char> word)
    {
        foreach (string ending in ExceptedEndings)
        {
            if (word.EndsWith(ending.AsSpan(), StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a carrier and a preposition stand before the word: "carrier of", "anlægsbærer for", "drager van" (a trait, not an illness).</summary>
    private static bool AfterCarrier(string text, int start)
    {
        if (!AdjacentWords.Before(text, start, out int prepositionStart, out int prepositionEnd) || prepositionEnd - prepositionStart > 3
            || !AdjacentWords.Before(text, prepositionStart, out int carrierStart, out int carrierEnd))
        {
            return false;
        }

        string preposition = text.Substring(prepositionStart, prepositionEnd - prepositionStart).ToLowerInvariant();
        return preposition is "of" or "for" or "af" or "van" or "voor" && Carriers.Contains(text.Substring(carrierStart, carrierEnd - carrierStart).ToLowerInvariant());
    }

    /// <summary>Whether the first element of a compound (a linking s aside) ends with a part the head goes with: "ryg" in "rygskade", "lårbens" in "lårbensbrud".</summary>
    private static bool CompoundOfPart(ReadOnlySpan<char> first, Rule rule) =>
        EndsWithPart(first, rule) || (first.Length > 3 && first[first.Length - 1] == 's' && EndsWithPart(first.Slice(0, first.Length - 1), rule));

    /// <summary>Whether <paramref name="first"/> ends with a part the rule goes with, looked up by its last two and three letters.</summary>
    private static bool EndsWithPart(ReadOnlySpan<char> first, Rule rule)
    {
        for (int tail = 2; tail <= 3 && tail <= first.Length; tail++)
        {
            foreach (var (form, exact, part) in PartsByTail.Get(first.Slice(first.Length - tail)) ?? Array.Empty<(string, bool, Part)>())
            {
                if (part.Language == rule.Language && part.GoesWith(rule) && Ends(first, form, exact))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool Ends(ReadOnlySpan<char> first, string form, bool exact) =>
        exact ? first.SequenceEqual(form.AsSpan()) : first.EndsWith(form.AsSpan(), StringComparison.Ordinal);

    /// <summary>A head on its own after a part of its language: "knee surgery", "hip replacement" (not an excepted pair: "back operations").</summary>
    private static bool PartBefore(string text, int start, Rule rule, ReadOnlySpan<char> head)
    {
        if (!AdjacentWords.Before(text, start, out int partStart, out int partEnd))
        {
            return false;
        }

        Span<char> buffer = stackalloc char[LongestWord];
        var part = DiscoveryScanner.Lower(text.AsSpan(partStart, partEnd - partStart), buffer);
        return IsPart(part, rule) && !Excepted.Contains(part.ToString() + " " + head.ToString());
    }

    /// <summary>A part after the verb, a determiner at most between: "broke his wrist", "brækket anklen", "brak zijn arm".</summary>
    private static bool PartAfterVerb(string text, int end, Rule rule)
    {
        Span<char> buffer = stackalloc char[LongestWord];
        for (int words = 0, from = end; words < 2 && AdjacentWords.After(text, from, out int next, out int nextEnd); words++, from = nextEnd)
        {
            var word = DiscoveryScanner.Lower(text.AsSpan(next, nextEnd - next), buffer);
            if (IsPart(word, rule))
            {
                return true;
            }

            if (words > 0 || !IsDeterminer(word, rule))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// A determiner and a part before the verb, an auxiliary at most between: "zijn enkel verstuikt", "her wrist was broken",
    /// "haar galblaas is weggehaald".
    /// </summary>
    private static bool PartBeforeVerb(string text, int start, Rule rule)
    {
        if (!AdjacentWords.Before(text, start, out int partStart, out int partEnd))
        {
            return false;
        }

        Span<char> buffer = stackalloc char[LongestWord];
        if (IsOf(Auxiliaries, DiscoveryScanner.Lower(text.AsSpan(partStart, partEnd - partStart), buffer), rule)
            && !AdjacentWords.Before(text, partStart, out partStart, out partEnd))
        {
            return false;
        }

        if (!AdjacentWords.Before(text, partStart, out int determinerStart, out int determinerEnd))
        {
            return false;
        }

        if (!IsPart(DiscoveryScanner.Lower(text.AsSpan(partStart, partEnd - partStart), buffer), rule))
        {
            return false;
        }

        return IsDeterminer(DiscoveryScanner.Lower(text.AsSpan(determinerStart, determinerEnd - determinerStart), buffer), rule);
    }

    /// <summary>
    /// A part after the head, joined by a preposition and a possessive (Danish also the part's definite form alone): "surgery
    /// on his knee", "injury to her shoulder", "smerter i ryggen", "pijn in de rug", "operatie aan zijn knie".
    /// </summary>
    private static bool PartAfterPreposition(string text, int end, Rule rule)
    {
        Span<char> buffer = stackalloc char[LongestWord];
        if (!AdjacentWords.After(text, end, out int prepositionStart, out int prepositionEnd)
            || !IsOf(Prepositions, DiscoveryScanner.Lower(text.AsSpan(prepositionStart, prepositionEnd - prepositionStart), buffer), rule)
            || !AdjacentWords.After(text, prepositionEnd, out int next, out int nextEnd))
        {
            return false;
        }

        var word = DiscoveryScanner.Lower(text.AsSpan(next, nextEnd - next), buffer);
        if (rule.Language == "da" && IsPart(word, rule))
        {
            return true; // "i ryggen", "på knæet"
        }

        return IsOf(Possessives, word, rule) && AdjacentWords.After(text, nextEnd, out int partStart, out int partEnd)
            && IsPart(DiscoveryScanner.Lower(text.AsSpan(partStart, partEnd - partStart), buffer), rule);
    }

    private static bool IsOf(SpanKeyedMap<string[]> words, ReadOnlySpan<char> word, Rule rule) => words.Get(word) is { } languages && Array.IndexOf(languages, rule.Language) >= 0;

    private static bool IsDeterminer(ReadOnlySpan<char> word, Rule rule) => IsOf(Determiners, word, rule);

    private static bool IsPart(ReadOnlySpan<char> word, Rule rule)
    {
        if (PartsByForm.Get(word) is not { } parts)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (part.Language == rule.Language && part.GoesWith(rule))
            {
                return true;
            }
        }

        return false;
    }
}
