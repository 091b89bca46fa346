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
        "hij", "zij", "ze", "hem", "haar", "zijn",
    };

    /// <summary>
    /// Determiners that make the role after them no one in particular: "an employee who asks for leave", "en medarbejder",
    /// "een zieke werknemer", "every tenant", and the reader's own in a guide ("your employee", "din leder", "je werknemer").
    /// A role one or two words after one is not a reference.
    /// </summary>
    public static readonly HashSet<string> IndefiniteDeterminers = new(StringComparer.Ordinal)
    {
        "a", "an", "any", "every", "each", "no", "another", "your",
        "en", "et", "enhver", "ethvert", "hver", "hvert", "ingen", "intet", "nogen", "noget", "din", "dit", "dine", "jeres",
        "een", "elke", "iedere", "ieder", "geen", "enige", "je", "jouw", "uw",
    };

    /// <summary>
    /// Role nouns, matched as the start of a word so inflections count (medarbejderen, huurders), except a plural without
    /// a determiner: "employees", "medarbejdere", "medewerkers" in a policy or a handbook about sick leave or union
    /// membership are no one in particular, while "the tenants", "lejerne" (Danish: the article is the ending), "de
    /// huurders" and "their children" are a household the note is about (<see cref="IsRole"/>).
    /// </summary>
    private static readonly string[] EnglishRoles =
    {
        "employee", "staff member", "worker", "applicant", "candidate", "tenant", "resident", "client", "patient", "pupil",
        "student", "volunteer", "colleague", "contractor", "consultant", "victim", "participant", "visitor", "guest", "donor", "customer",
        "child", "son", "daughter", "mother", "father", "wife", "husband", "family", "claimant",
    };

    private static readonly string[] DanishRoles =
    {
        "medarbejder", "ansat", "ansøger", "kandidat", "lejer", "beboer", "borger", "klient", "patient", "elev", "frivillig",
        "kollega", "offer", "deltager", "forsøgsperson", "donor", "konsulent", "gæst", "besøgende", "barn", "søn", "datter", "familie",
    };

    private static readonly string[] DutchRoles =
    {
        "medewerker", "werknemer", "sollicitant", "kandidaat", "huurder", "bewoner", "cliënt", "client", "patiënt", "leerling",
        "vrijwilliger", "collega", "slachtoffer", "deelnemer", "donor", "bezoeker", "gast", "kind", "kindje", "kinderen", "zoon", "dochter", "gezin", "aanvrager",
    };

    private static readonly string[] Roles = EnglishRoles.Concat(DanishRoles).Concat(DutchRoles).ToArray();

    /// <summary>
    /// The endings that make a role plural, per language (Danish adjectival roles, "ansat" and "frivillig", have none:
    /// "den ansatte" is one person), less those that are singular in another language of the same word (Danish
    /// "donoren" is one donor, Dutch "donoren" many; Danish "patients" is one patient's).
    /// </summary>
    private static string[] PluralEndings(string role)
    {
        var plural = new HashSet<string>(StringComparer.Ordinal);
        var singular = new HashSet<string>(StringComparer.Ordinal);
        if (EnglishRoles.Contains(role))
        {
            plural.UnionWith(new[] { "s", "es", "ren" });
        }

        if (DanishRoles.Contains(role) && role is not ("ansat" or "frivillig" or "besøgende"))
        {
            plural.UnionWith(new[] { "e", "er", "es" });
            singular.UnionWith(new[] { "en", "et", "ens", "ets", "s" });
        }

        if (DutchRoles.Contains(role))
        {
            plural.UnionWith(new[] { "s", "en", "n" });
        }

        plural.ExceptWith(singular);
        return plural.ToArray();
    }

    /// <summary>Documents that are always about one person: a payslip names its employee.</summary>
    public static readonly string[] PersonalDocuments = { "payslip", "lønseddel", "lønsedlen", "loonstrook" };

    /// <summary>
    /// Danish words that follow the adverb "her" (here) and never the English pronoun "her" (lower case, as written after
    /// it): "Her er", "her i", "her på", "her har", "her bor".
    /// </summary>
    public static readonly string[] DanishAfterHere =
    {
        "er", "har", "i", "på", "til", "fra", "ved", "kan", "var", "hos", "og", "en", "et", "det", "den", "der", "som", "bor",
        "ligger", "findes", "får", "skal", "vil", "kommer", "bliver", "blev", "må", "nogle", "mange", "alle",
    };

    /// <summary>
    /// Dutch words that follow the verb "zijn" (are, to be) and never the possessive "zijn" (his), which always has its noun
    /// (or an adjective before it) next: articles, prepositions, adverbs and the commonest states ("zijn er", "zijn vanaf",
    /// "zijn niet", "zijn gesloten").
    /// </summary>
    public static readonly string[] DutchAfterVerb =
    {
        "de", "het", "een", "er", "niet", "geen", "al", "ook", "nog", "wel", "vanaf", "in", "op", "te", "van", "voor", "bij",
        "door", "met", "naar", "om", "uit", "over", "tot", "zeer", "erg", "heel", "altijd", "nooit", "vaak", "soms", "dan", "nu",
        "toen", "daar", "hier", "weer", "gisteren", "vandaag", "morgen", "klaar", "gesloten", "open", "beschikbaar", "bereikbaar",
        "afwezig", "aanwezig", "zo", "meer", "minder", "allemaal", "beide", "helaas", "verplicht", "welkom", "gratis", "en", "of",
        "maar", "dat", "die", "wat", "als", "omdat", "zodat",
    };

    /// <summary>Dutch verbs in the plural that make "ze" before them "they", not "she" ("ze zijn", "ze hebben", "ze kunnen").</summary>
    public static readonly string[] DutchPluralVerbs =
    {
        "zijn", "waren", "hebben", "hadden", "worden", "werden", "kunnen", "konden", "moeten", "moesten", "mogen", "willen",
        "zullen", "gaan", "komen", "krijgen", "doen", "staan", "liggen", "blijven", "maken", "zeggen",
    };

    /// <summary>Verbs that follow a first name opening a sentence in a note ("Anna is", "Peter er", "Piet heeft").</summary>
    public static readonly HashSet<string> NameVerbs = new(StringComparer.Ordinal)
    {
        "is", "was", "has", "had", "asked", "says", "said", "told", "reported", "lives", "takes", "wants", "joined", "suffers", "goes", "gets", "needs",
        "er", "var", "har", "havde", "siger", "sagde", "fortalte", "bor", "ønsker", "lider", "går", "får", "skal",
        "heeft", "zegt", "vertelde", "woont", "wil", "lijdt", "gaat", "krijgt", "moet",
    };

    /// <summary>
    /// Common given names in Britain, Denmark and the Netherlands: a capitalised one refers to a person anywhere in a
    /// sentence ("tested positive, Gary", "lønnen for Bo"), not only opening one before a verb. Left out are names that are as
    /// often a word, a month, a place, a shop or part of a name of something else written with a capital: May, June, April,
    /// Will, Mark, Frank, Bill, Pat, Ray, Max, Art, Grace, Hope, Faith, Joy, Iris, Rose, Ruby, Amber, Jade, Lily, Poppy,
    /// Holly, Daisy, Dawn, Summer, Robin, Dean, Jack (the Union Jack), Jordan, Chelsea, Florence, Milan, Victoria, Zara, Eve,
    /// Line, Per, Else, Bent, Joke, Fleur, Jan (January), and Ben and Dan (Dutch "ben je ziek?", "dan gaat haar verlof in"):
    /// those are found as other names are, beside a surname or a title, or opening a sentence before a verb ("Dan is off sick").
    /// </summary>
    public static readonly HashSet<string> GivenNames = new(StringComparer.Ordinal)
    {
        "aaron", "abigail", "adam", "ahmed", "aisha", "aksel", "alan", "alex", "alfie", "alfred", "ali", "alice", "alison",
        "alma", "amelia", "amir", "amy", "anders", "andreas", "andrew", "andy", "anja", "anna", "anne", "annemarie",
        "anouk", "anthony", "aoife", "archie", "arjun", "arthur", "astrid", "ava", "barry", "bas", "benjamin",
        "bente", "beth", "bethany", "bianca", "birgitte", "birthe", "bo", "bob", "bram", "brian", "bronwen", "caitlin",
        "callum", "camilla", "carl", "carla", "carol", "carsten", "cecilie", "cerys", "chantal", "charlie", "charlotte",
        "chloe", "chris", "christian", "christopher", "ciara", "claire", "clara", "colin", "connor", "craig", "daan",
        "dafydd", "daniel", "danielle", "darren", "david", "dennis", "dirk", "ditte", "donna", "dorte", "dylan",
        "eilidh", "elizabeth", "ella", "ellie", "els", "emil", "emily", "emma", "emre", "erik", "esther", "ethan", "eva",
        "evie", "fatima", "femke", "fenna", "ffion", "finn", "fiona", "flemming", "freddie", "frederik", "freja", "freya",
        "gareth", "gary", "gemma", "george", "gerrit", "gert", "gitte", "graham", "grethe", "hannah", "hanne", "hanneke",
        "hans", "harper", "harry", "harvey", "hassan", "hayley", "helen", "helle", "hendrik", "henk", "henrik", "henry",
        "huw", "ian", "ida", "ieuan", "ilse", "imran", "inge", "inger", "ingrid", "isaac", "isabella", "isla", "jacob",
        "jake", "jakob", "james", "jamie", "jane", "jason", "jasper", "jelle", "jennifer", "jens", "jeppe", "jeroen",
        "jesper", "jess", "jesse", "jessica", "jette", "jim", "jo", "joanne", "jodie", "joe", "johan", "john", "jonas",
        "joris", "jos", "josefine", "joseph", "joshua", "julie", "jytte", "karen", "karin", "karla", "karsten", "kasper",
        "kate", "katie", "katrine", "kees", "keith", "kelly", "kenneth", "kevin", "kieran", "kim", "kirsten", "kirsty",
        "klaus", "knud", "koen", "kurt", "kyle", "lars", "laura", "layla", "leah", "lee", "lene", "leo", "levi", "lewis",
        "liam", "lieke", "linda", "lisa", "lise", "liz", "logan", "lone", "lotte", "louise", "lucas", "lucy", "luke",
        "maarten", "mads", "magnus", "maja", "malene", "malthe", "manon", "marco", "margaret", "maria", "marianne",
        "marieke", "marjolein", "marloes", "martijn", "martin", "mary", "mathias", "mathilde", "matilda", "matt", "matthew",
        "megan", "mehmet", "mette", "mia", "michael", "michel", "michelle", "mieke", "mike", "mikkel", "mirjam", "mohamed",
        "mohammed", "monique", "morten", "muhammad", "nadia", "nanna", "natalie", "nathan", "neil", "niamh", "nick",
        "nicola", "nicole", "niels", "nigel", "nikolaj", "noah", "noor", "ole", "oliver", "olivia", "omar", "oscar", "owen",
        "patricia", "patrick", "paul", "pete", "peter", "petra", "phil", "philip", "phoebe", "pia", "piet", "pieter",
        "poul", "priya", "rachel", "raj", "rasmus", "rebecca", "reece", "renate", "rhys", "ria", "richard", "rikke", "rob",
        "robert", "rohan", "ross", "ruben", "rutger", "ruud", "ryan", "sam", "samantha", "samira", "samuel", "sander",
        "sandra", "sanne", "sara", "sarah", "saskia", "scott", "sean", "sebastian", "sem", "shane", "shona", "sian",
        "sienna", "signe", "simon", "siobhan", "sjoerd", "sofie", "sophia", "sophie", "stacey", "steen", "stephen", "steve",
        "steven", "stijn", "stine", "stuart", "sue", "susan", "susanne", "suzanne", "sven", "søren", "tariq", "ted", "tess",
        "teun", "theo", "thijs", "thomas", "tim", "tina", "tobias", "tom", "tony", "torben", "tove", "tracey", "trevor",
        "trine", "valdemar", "vibeke", "victor", "vincent", "wayne", "wendy", "willem", "william", "wim", "wouter",
        "youssef", "yvonne",
    };

    /// <summary>Lower-case particles inside Dutch and other names ("Jan de Vries", "Van der Berg").</summary>
    public static readonly HashSet<string> NameParticles = new(StringComparer.Ordinal) { "de", "van", "der", "den", "ter", "te", "el", "al", "da", "von" };

    private static readonly string[] RolePrefixes = Roles.Where(r => !r.Contains(' ')).Distinct().ToArray();

    /// <summary>The longest word that can be a title, pronoun, role (with an inflection) or name word worth lower-casing.</summary>
    public const int LongestWord = 18;

    /// <summary>Determiners that make a plural role a particular group: "the tenants", "de huurders", "their children".</summary>
    public static readonly HashSet<string> PluralDeterminers = new(StringComparer.Ordinal)
    {
        "the", "these", "those", "both", "their", "his", "her", "our", "my", "your",
        "disse", "begge", "deres", "hans", "hendes", "vores", "mine", "dine",
        "de", "deze", "die", "beide", "hun", "zijn", "haar", "onze", "mijn", "jouw",
    };

    /// <summary>Whether the lower-case word starts with a role (and at most three letters more) or a personal document, in any number.</summary>
    public static bool IsRole(ReadOnlySpan<char> lower) => IsRole(lower, out _);

    /// <summary>
    /// Whether the lower-case word starts with a role (and at most three letters more) or a personal document;
    /// <paramref name="plural"/> when it is only a role's plural (a group: a reference only after a determiner).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    public static bool IsRole(ReadOnlySpan<char> lower, out bool plural)
    {
        plural = false;
        if (lower.Length == 0)
        {
            return false;
        }

        var candidates = (uint)(lower[0] - 'a') <= 'z' - 'a' ? ByAsciiLetter[lower[0] - 'a'] : ByFirstLetter.TryGetValue(lower[0], out var found) ? found : null;
        if (candidates is null)
        {
            return false;
        }

        bool any = false;
        foreach (var (word, document, plurals) in candidates)
        {
            if (lower.StartsWith(word.AsSpan()) && (document || lower.Length <= word.Length + 3))
            {
                if (document || !IsAny(lower.Slice(word.Length), plurals))
                {
                    plural = false;
                    return true;
                }

                any = plural = true;
            }
        }

        return any;
    }

    private static bool IsAny(ReadOnlySpan<char> ending, string[] endings)
    {
        foreach (string candidate in endings)
        {
            if (ending.SequenceEqual(candidate.AsSpan()))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What the lower-case word is among the sets here (titles, pronouns, name verbs, particles, not-names): one lookup, nothing allocated.</summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    public static PersonWordKinds KindsOf(ReadOnlySpan<char> lower)
    {
        if (lower.Length == 0)
        {
            return PersonWordKinds.None;
        }

        // Most words are none of them: their length, first and last letter answer before the characters are hashed.
        int slot = KindSlot(lower);
        return slot >= 0 && !KindShapes[slot] ? PersonWordKinds.None : Kinds.Get(lower);
    }

    /// <summary>Every word of the sets, roles and personal documents here (for the tests that hold <see cref="MayBeAny"/> to them).</summary>
    internal static IEnumerable<string> AllWords =>
        Titles.Concat(Pronouns).Concat(NameVerbs).Concat(NameParticles).Concat(NotNames).Concat(NotNameStarts).Concat(NotRoles).Concat(PluralDeterminers).Concat(GivenNames).Concat(IndefiniteDeterminers).Concat(OrganisationEnds).Concat(SecondPerson).Concat(Conditionals).Concat(RolePrefixes).Concat(PersonalDocuments);

    /// <summary>
    /// Whether the word as written (letters, at most <see cref="LongestWord"/>) can be any person word or a not-name: false
    /// for most words of a text, from their length, first, second and last letters, before they are lower-cased and looked up.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    public static bool MayBeAny(ReadOnlySpan<char> word)
    {
        char head = word[0], tail = word[word.Length - 1];
        if ((head | tail) >= 128)
        {
            return true;
        }

        // Words are letters: an ASCII one is a-z once folded.
        int first = (head | 0x20) - 'a', last = (tail | 0x20) - 'a';
        if (KindShapes[ShapeSlot(word.Length, first, last)])
        {
            return true;
        }

        return word.Length >= 2 && (word[1] >= 128 || RoleHeads[(first * 26) + ((word[1] | 0x20) - 'a')]);
    }

    /// <summary>The slot of a word of at most <see cref="LongestWord"/> characters by its length and its first and last ASCII lower-case letter, or -1.</summary>
    private static int KindSlot(ReadOnlySpan<char> lower)
    {
        uint first = (uint)(lower[0] - 'a'), last = (uint)(lower[lower.Length - 1] - 'a');
        return lower.Length <= LongestWord && first <= 'z' - 'a' && last <= 'z' - 'a' ? ShapeSlot(lower.Length, (int)first, (int)last) : -1;
    }

    /// <summary>The slot in <see cref="KindShapes"/> of a word's length and its first and last letter (0 to 25 each).</summary>
    private static int ShapeSlot(int length, int first, int last) => (((length * 26) + first) * 26) + last;

    // Personal documents (any ending) and role prefixes (up to three letters of inflection), by first letter: every word
    // near a special-category term is asked. ASCII first letters from an array.
    private static readonly Dictionary<char, (string Word, bool Document, string[] Plurals)[]> ByFirstLetter =
        PersonalDocuments.Select(d => (Word: d, Document: true, Plurals: Array.Empty<string>())).Concat(RolePrefixes.Select(r => (Word: r, Document: false, Plurals: PluralEndings(r))))
            .GroupBy(w => w.Word[0]).ToDictionary(g => g.Key, g => g.ToArray());

    // The first two letters of the roles and personal documents (ASCII ones: a word with another first or second letter is asked in full).
    private static readonly bool[] RoleHeads = HeadsOf(PersonalDocuments.Concat(RolePrefixes));

    private static bool[] HeadsOf(IEnumerable<string> words)
    {
        var heads = new bool[26 * 26];
        foreach (string word in words)
        {
            if (word.Length < 2)
            {
                throw new InvalidOperationException("A role is a word of two letters or more: " + word);
            }

            if ((uint)(word[0] - 'a') <= 'z' - 'a' && (uint)(word[1] - 'a') <= 'z' - 'a')
            {
                heads[((word[0] - 'a') * 26) + (word[1] - 'a')] = true;
            }
        }

        return heads;
    }

    private static readonly (string Word, bool Document, string[] Plurals)[]?[] ByAsciiLetter =
        Enumerable.Range(0, 26).Select(i => ByFirstLetter.TryGetValue((char)('a' + i), out var words) ? words : null).ToArray();

    /// <summary>Capitalised words that are never half of a person's name.</summary>
    public static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "street", "road", "lane", "avenue", "way", "close", "square", "place", "park", "estate", "farm", "hall", "house",
        "union", "party", "church", "court", "centre", "center", "hospital", "school", "college", "university",
        "council", "association", "service", "services", "office", "group", "ltd", "limited", "inc", "bank", "station",
        "unie", "partij", "kerk", "straat", "weg", "plein", "laan", "vej", "gade", "plads", "kirke", "parti",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "bekæmpelse", "fonden", "foreningen", "forbund", "regioner", "stichting", "vereniging", "foundation", "society", "trust",
        "pharma", "healthcare", "pharmacy", "apotek", "apotheek", "klinik",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    };

    /// <summary>
    /// What ends the name of an organisation, a team, a law or a scheme written in capitals ("Job Accommodation Network",
    /// "Family Medical Leave Act", "Patient Safety Team"): the capitalised words before one are no one's name.
    /// </summary>
    public static readonly HashSet<string> OrganisationEnds = new(StringComparer.Ordinal)
    {
        "network", "team", "act", "institute", "agency", "department", "ministry", "committee", "authority", "commission",
        "programme", "program", "project", "bureau", "service", "services", "office", "council", "association", "foundation",
        "society", "court", "tribunal", "police", "union", "party", "centre", "center", "university", "college", "hospital",
        "netværk", "afdeling", "ministeriet", "styrelse", "styrelsen", "institut", "udvalg", "retten", "domstol", "politi",
        "forbund", "foreningen", "fonden", "parti", "netwerk", "ministerie", "instituut", "dienst", "commissie", "rechtbank",
        "politie", "stichting", "vereniging", "partij", "unie", "clinic", "klinik", "kliniek",
    };

    /// <summary>
    /// The reader's own pronouns: a passage that speaks to its reader twice or more (a guide, a leaflet, a letter of rules: "if
    /// you are on sick leave, you must", "hvis du er sygemeldt, skal du", "als u wordt veroordeeld") speaks of anyone, and its
    /// "he", "she" and "the employee" are no one in particular.
    /// </summary>
    public static readonly HashSet<string> SecondPerson = new(StringComparer.Ordinal)
    {
        "you", "your", "yours", "yourself", "du", "dig", "din", "dit", "dine", "jer", "jeres", "je", "jij", "jou", "jouw", "u", "uw",
    };

    /// <summary>
    /// Words that open a condition and only that: the roles and pronouns after one, to the end of its sentence, are anyone
    /// ("If the employee has a smartphone, they can ..."). Not Danish "hvis" (also "whose") nor Dutch "als" (also "as": "Als
    /// verpleegkundige heeft zij ...").
    /// </summary>
    public static readonly HashSet<string> Conditionals = new(StringComparer.Ordinal) { "if", "unless", "medmindre", "indien", "tenzij" };

    /// <summary>Capitalised words that open a sentence or a title and are not a first name.</summary>
    public static readonly HashSet<string> NotNameStarts = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "our", "this", "that", "these", "please", "new", "guide", "introduction", "review", "note",
        "den", "det", "de", "het", "een", "en", "et", "vores", "ons", "onze", "nye", "nieuwe", "european", "europæiske", "europese",
        "labour", "green", "liberal", "conservative", "scottish", "national", "royal",

        // Openers of a sentence about no one ("There is", "Der er", "Er is", "Dit is", "It is"): before a verb they were read
        // as a first name ("Anna is"), so a leaflet's "Der er åbent i moskeen" or "It is important to screen for cancer"
        // read as about a person.
        "there", "it", "those", "what", "which", "where", "when", "then", "now", "today",
        "der", "her", "dette", "denne", "disse", "nu", "hvad", "hvor", "hvornår", "hvis", "når", "så", "idag",
        "er", "dit", "dat", "deze", "die", "daar", "hier", "wat", "waar", "wanneer", "toen", "vandaag",

        // Institutions that open a sentence before a verb ("Kommunen har", "Gemeente heeft", "Firmaet er"), and the
        // adjectives of a nation that start an organisation's name ("Dansk Industri").
        "kommunen", "regionen", "staten", "firmaet", "skolen", "banken", "ledelsen", "klinikken", "kirken", "partiet", "forbundet", "styrelsen",
        "gemeente", "provincie", "bedrijf", "school", "directie", "kliniek", "kerk", "partij", "bond",
        "company", "council", "management", "board", "clinic", "government",
        // Nouns that open a general statement ("Verden er syg", "Life is hard").
        "verden", "livet", "samfundet", "world", "life", "wereld", "leven",
        "dansk", "danske", "nederlandse", "hollandse", "british", "english", "engelsk", "international", "internationale",

        // Pronouns of the first and second person, adverbs and conjunctions that open a sentence before a verb in a leaflet or
        // a guide ("Du skal melde dig", "Sådan skal du", "Hermed er den registreret", "You have to", "Ook kan de gemeente"):
        // none of them is a first name.
        "you", "we", "they", "if", "how", "why", "who", "also", "however", "here", "so", "but", "and", "or", "as", "all",
        "each", "every", "any", "some", "many", "most", "one", "no", "yes", "everyone", "someone", "anyone", "nobody",
        "du", "jeg", "vi", "i", "man", "hvordan", "hvorfor", "hvem", "også", "dog", "men", "og", "eller", "sådan", "hermed",
        "herefter", "derefter", "desuden", "derfor", "ingen", "alle", "enhver", "nogle", "mange", "din", "dine", "jeres",
        "je", "jij", "u", "ik", "wij", "jullie", "hoe", "waarom", "wie", "ook", "maar", "als", "zo", "dus",
        "daarna", "daarom", "bovendien", "iedereen", "niemand", "elke", "iedere", "uw", "jouw", "soms", "vaak",

        // Conjunctions and adverbs that open a clause before "er" or "is" ("Hoewel er geen regels zijn", "Fordi der er",
        // "Although there is").
        "although", "because", "while", "unless", "once", "therefore", "thus", "furthermore", "moreover",
        "fordi", "selvom", "mens", "inden", "dermed", "således", "endvidere",
        "hoewel", "omdat", "terwijl", "nadat", "voordat", "indien", "tenzij", "zodra", "zodat", "hierdoor", "daardoor", "verder",

        // Prepositions that open a sentence before a place or a name ("In Ontario", "På Rigshospitalet", "Bij Justis"); not
        // the particles that open a surname ("Van der Berg", "De Wit").
        "in", "on", "at", "for", "from", "with", "to", "by", "after", "before", "during", "under", "since", "until",
        "på", "til", "fra", "med", "efter", "før", "siden", "ved", "hos", "om", "af",
        "op", "aan", "voor", "na", "bij", "uit", "over", "sinds", "tot", "onder", "door",
    };

    /// <summary>
    /// Words that start like a role of another language but are not one: English "kind" (Dutch "kind", child: "Kind
    /// regards" ends every other e-mail), "offers" (Danish "offer", victim), "gastric" (Dutch "gast", guest), "song"
    /// (English "son"), "residential", Danish "søndag" (Sunday, not "søn" and a day). "This kind of cancer" was about a
    /// person. English "eleven" stays a Danish pupil ("Eleven må ikke ..."): numbers are mostly written in digits.
    /// </summary>
    public static readonly HashSet<string> NotRoles = new(StringComparer.Ordinal)
    {
        "kind", "kinds", "kindly", "kinder", "gastric", "elevate", "offer", "offers", "offered", "offering",
        "song", "songs", "sonic", "sonar", "sonata", "sonnet", "residential", "patiently", "childish",
        "søndag", "søndage", "søndags", "sønder",
    };

    // Every word near a special-category term is asked about each set: one map from the word to all it is (declared after the sets it is made of).
    private static readonly SpanKeyedMap<PersonWordKinds> Kinds = new(
        new (HashSet<string> Set, PersonWordKinds Kind)[]
        {
            (Titles, PersonWordKinds.Title), (Pronouns, PersonWordKinds.Pronoun), (NameVerbs, PersonWordKinds.NameVerb),
            (NameParticles, PersonWordKinds.NameParticle), (NotNames, PersonWordKinds.NotName), (NotNameStarts, PersonWordKinds.NotNameStart),
            (NotRoles, PersonWordKinds.NotRole), (PluralDeterminers, PersonWordKinds.PluralDeterminer), (GivenNames, PersonWordKinds.GivenName),
            (IndefiniteDeterminers, PersonWordKinds.IndefiniteDeterminer), (OrganisationEnds, PersonWordKinds.NotName | PersonWordKinds.OrganisationEnd), (SecondPerson, PersonWordKinds.SecondPerson), (Conditionals, PersonWordKinds.Conditional),
        }
        .SelectMany(s => s.Set.Select(word => (Word: word, s.Kind)))
        .GroupBy(w => w.Word, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Aggregate(PersonWordKinds.None, (all, w) => all | w.Kind), StringComparer.Ordinal));

    // The shapes (length, first and last letter: KindSlot) of the words in Kinds; a word of another shape is none of them.
    private static readonly bool[] KindShapes = ShapesOf(new[] { Titles, Pronouns, NameVerbs, NameParticles, NotNames, NotNameStarts, NotRoles, PluralDeterminers, GivenNames, IndefiniteDeterminers, OrganisationEnds, SecondPerson, Conditionals }.SelectMany(set => set));

    private static bool[] ShapesOf(IEnumerable<string> words)
    {
        var shapes = new bool[(LongestWord + 1) * 26 * 26];
        foreach (string word in words)
        {
            if (word.Length > LongestWord)
            {
                throw new InvalidOperationException("A person word is longer than LongestWord: " + word);
            }

            if (KindSlot(word.AsSpan()) is int slot and >= 0)
            {
                shapes[slot] = true;
            }
        }

        return shapes;
    }
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
    NotRole = 64,
    PluralDeterminer = 128,
    GivenName = 256,
    IndefiniteDeterminer = 512,
    OrganisationEnd = 1024,
    SecondPerson = 2048,
    Conditional = 4096,
}
