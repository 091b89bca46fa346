using System;
using System.Collections.Generic;
using System.Linq;

namespace GdprOps.Detection.Discovery;

/// <summary>
/// Words that show a text is about a person (DiscoveryScanner.ScanPersonReferences), in English, Danish and Dutch, and
/// capitalised words that are not names (organisations, places, sentence openers), so "European Union" or
/// "Church Street" do not read as a person.
/// </summary>
internal static class PersonWords
{
    public static readonly HashSet<string> Titles = new(StringComparer.Ordinal)
    {
        "mr", "mrs", "ms", "miss", "dr", "sir", "madam",
        "hr", "fru", "frk", "frøken",
        "dhr", "mevrouw", "mevr", "mw", "meneer", "heer", "juffrouw",
    };

    public static readonly HashSet<string> Pronouns = new(StringComparer.Ordinal)
    {
        "he", "she", "him", "his", "her", "hers", "himself", "herself",
        "han", "hun", "ham", "hende", "hans", "hendes", "sin", "sit", "sine",
        "hij", "zij", "hem", "haar", "zijn",
    };

    /// <summary>Role nouns, matched as the start of a word so inflections count (medarbejderen, huurders).</summary>
    private static readonly string[] Roles =
    {
        "employee", "staff member", "worker", "applicant", "candidate", "tenant", "resident", "client", "patient", "pupil",
        "student", "volunteer", "colleague", "contractor", "consultant", "victim", "participant", "visitor", "guest", "donor", "customer",
        "child", "son", "daughter", "mother", "father", "wife", "husband",
        "medarbejder", "ansat", "ansøger", "kandidat", "lejer", "beboer", "borger", "klient", "patient", "elev", "frivillig",
        "kollega", "offer", "deltager", "forsøgsperson", "donor", "konsulent", "gæst", "besøgende", "barn", "søn", "datter",
        "medewerker", "werknemer", "sollicitant", "kandidaat", "huurder", "bewoner", "cliënt", "client", "patiënt", "leerling",
        "vrijwilliger", "collega", "slachtoffer", "deelnemer", "donor", "bezoeker", "gast", "kind", "zoon", "dochter",
    };

    /// <summary>Documents that are always about one person: a payslip names its employee.</summary>
    public static readonly string[] PersonalDocuments = { "payslip", "lønseddel", "lønsedlen", "loonstrook" };

    /// <summary>Verbs that follow a first name opening a sentence in a note ("Anna is", "Peter er", "Piet heeft").</summary>
    public static readonly HashSet<string> NameVerbs = new(StringComparer.Ordinal)
    {
        "is", "was", "has", "had", "asked", "says", "said", "told", "reported", "lives", "takes", "wants", "joined",
        "er", "var", "har", "havde", "siger", "sagde", "fortalte", "bor", "ønsker",
        "heeft", "zegt", "vertelde", "woont", "wil",
    };

    /// <summary>Lower-case particles inside Dutch and other names ("Jan de Vries", "Van der Berg").</summary>
    public static readonly HashSet<string> NameParticles = new(StringComparer.Ordinal) { "de", "van", "der", "den", "ter", "te", "el", "al", "da", "von" };

    private static readonly string[] RolePrefixes = Roles.Where(r => !r.Contains(' ')).Distinct().ToArray();

    /// <summary>The longest word that can be a title, pronoun, role (with an inflection) or name word worth lower-casing.</summary>
    public const int LongestWord = 18;

    /// <summary>Whether the lower-case word starts with a role (and at most three letters more) or a personal document.</summary>
    public static bool IsRole(ReadOnlySpan<char> lower)
    {
        if (lower.Length == 0 || !ByFirstLetter.TryGetValue(lower[0], out var candidates))
        {
            return false;
        }

        foreach (var (word, document) in candidates)
        {
            if (lower.StartsWith(word.AsSpan()) && (document || lower.Length <= word.Length + 3))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What the lower-case word is among the sets here (titles, pronouns, name verbs, particles, not-names): one lookup, nothing allocated.</summary>
    public static PersonWordKinds KindsOf(ReadOnlySpan<char> lower) => lower.Length == 0 ? PersonWordKinds.None : Kinds.Get(lower);

    // Personal documents (any ending) and role prefixes (up to three letters of inflection), by first letter: every word
    // near a special-category term is asked.
    private static readonly Dictionary<char, (string Word, bool Document)[]> ByFirstLetter =
        PersonalDocuments.Select(d => (Word: d, Document: true)).Concat(RolePrefixes.Select(r => (Word: r, Document: false)))
            .GroupBy(w => w.Word[0]).ToDictionary(g => g.Key, g => g.ToArray());

    /// <summary>Capitalised words that are never half of a person's name.</summary>
    public static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "street", "road", "lane", "avenue", "way", "close", "square", "place", "park", "estate", "farm", "hall", "house",
        "union", "party", "church", "court", "centre", "center", "hospital", "school", "college", "university",
        "council", "association", "service", "services", "office", "group", "ltd", "limited", "inc", "bank", "station",
        "unie", "partij", "kerk", "straat", "weg", "plein", "laan", "vej", "gade", "plads", "kirke", "parti",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    };

    /// <summary>Capitalised words that open a sentence or a title and are not a first name.</summary>
    public static readonly HashSet<string> NotNameStarts = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "our", "this", "that", "these", "please", "new", "guide", "introduction", "review", "note",
        "den", "det", "de", "het", "een", "en", "et", "vores", "ons", "onze", "nye", "nieuwe", "european", "europæiske", "europese",
        "labour", "green", "liberal", "conservative", "scottish", "national", "royal",
    };

    // Every word near a special-category term is asked about each set: one map from the word to all it is (declared after the sets it is made of).
    private static readonly SpanKeyedMap<PersonWordKinds> Kinds = new(
        new (HashSet<string> Set, PersonWordKinds Kind)[]
        {
            (Titles, PersonWordKinds.Title), (Pronouns, PersonWordKinds.Pronoun), (NameVerbs, PersonWordKinds.NameVerb),
            (NameParticles, PersonWordKinds.NameParticle), (NotNames, PersonWordKinds.NotName), (NotNameStarts, PersonWordKinds.NotNameStart),
        }
        .SelectMany(s => s.Set.Select(word => (Word: word, s.Kind)))
        .GroupBy(w => w.Word, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Aggregate(PersonWordKinds.None, (all, w) => all | w.Kind), StringComparer.Ordinal));
}

/// <summary>The sets of <see cref="PersonWords"/> a word belongs to.</summary>
[Flags]
internal enum PersonWordKinds
{
    None = 0,
    Title = 1,
    Pronoun = 2,
    NameVerb = 4,
    NameParticle = 8,
    NotName = 16,
    NotNameStart = 32,
}
