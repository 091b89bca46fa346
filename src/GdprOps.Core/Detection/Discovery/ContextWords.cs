using System;
using System.Collections.Generic;

namespace GdprOps.Detection.Discovery;

/// <summary>
/// Context words in English, Dutch and Danish per detector (DETECTORS.md), looked for only inside the window
/// of a candidate that survived its validator: 300 characters either side, as Microsoft Purview does.
/// A word matches on letter boundaries, case-insensitively; a trailing '*' makes it a prefix.
/// </summary>
public static class ContextWords
{
    public const int Window = 300;

    public static readonly IReadOnlyList<string> Cpr = new[]
    {
        "cpr", "cpr-nr", "cpr.nr", "cprnr", "cprnummer", "cpr-nummer", "personnummer", "personnr", "sygesikringsbevis", "sygesikringskort",
        "sundhedskort", "skattenummer", "personregister", "civil registration number",
    };

    public static readonly IReadOnlyList<string> Bsn = new[]
    {
        "bsn", "burgerservicenummer", "burger service nummer", "sofinummer", "sofi-nummer", "persoonsnummer", "sociaal-fiscaal nummer", "citizen service number",
    };

    public static readonly IReadOnlyList<string> Nino = new[] { "national insurance", "ni number", "ni no", "nino", "ni" };

    public static readonly IReadOnlyList<string> Card = new[]
    {
        "credit card", "card number", "cardholder", "cvv", "cvc", "expiry", "creditcard", "kaartnummer", "betaalpas", "pinpas", "vervaldatum",
        "kreditkort", "betalingskort", "kortnummer", "dankort", "udløbsdato", "kontrolcifre", "visa", "mastercard", "card",
        // The plain words for a card as a receipt or a note says it ("betalt med kort", "betaald met kaart"): a number has to
        // pass the Luhn check and look like a card's to be weighed at all, so their other senses ("short", "map") cost nothing.
        "kort", "kaart",
        // The other schemes by name, as receipts and payment logs write them.
        "amex", "american express", "maestro", "diners", "jcb", "discover card",
    };

    public static readonly IReadOnlyList<string> Phone = new[]
    {
        "phone", "tel", "telephone", "mobile", "cell", "telefoon", "telefoonnummer", "mobiel", "gsm", "telefon", "tlf", "tlf.nr", "mobil", "mobilnummer", "ring", "bel", "call",
        "phoned", "calls", "bellen", "belt", "ringe", "ringer", "opkald", "sms", "whatsapp", "text me", "telefonnummer",
        // The abbreviations forms and column headers write ("Mobilnr.", "Telefoonnr.", "Tlfnr"): "mobil" and "tel" stand on
        // no word boundary there.
        "mobilnr", "telefonnr", "tlfnr", "telefoonnr", "telnr", "mobielnummer", "mobielnr",
    };

    public static readonly IReadOnlyList<string> Ip = new[] { "ip", "ip address", "ip-adres", "ip-adresse", "ipv4", "ipv6", "client", "remote" };

    public static readonly IReadOnlyList<string> Address = new[]
    {
        "postcode", "post code", "postal code", "zip", "adres", "address", "postnummer", "adresse", "vej", "gade", "straat", "street", "road", "lane", "woonplaats", "by",
        // The compounds clerks write on forms: the address of home, post, visits, invoices, deliveries, the civil register.
        "woonadres", "postadres", "bezoekadres", "huisadres", "factuuradres", "afleveradres", "correspondentieadres", "woonachtig",
        "hjemmeadresse", "postadresse", "privatadresse", "bopælsadresse", "leveringsadresse", "folkeregisteradresse", "bopæl",
        // A post office box is where a person's letters go: Dutch "Postbus 1234, 2500 BH Den Haag", Danish "Postboks 12".
        "postbus", "postboks", "po box", "p.o. box",
        // Column headers and forms: Danish "Postnr.", English "Zipcode".
        "postnr", "zipcode",
    };

    public static readonly IReadOnlyList<string> BirthDate = new[]
    {
        "date of birth", "dob", "born", "birth date", "birthdate", "birthday", "geboortedatum", "geb", "geboren", "fødselsdato", "født", "foedselsdato",
        "fødselsdag", "d.o.b",
    };

    /// <summary>True when one of <paramref name="words"/> stands within <paramref name="radius"/> characters of [start, end).</summary>
    public static bool Near(string text, int start, int end, IReadOnlyList<string> words, int radius = Window)
    {
        int from = Math.Max(0, start - radius);
        int to = Math.Min(text.Length, end + radius);
        for (int w = 0; w < words.Count; w++)
        {
            if (Find(text, from, to, words[w]) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the word at [start, end) of <paramref name="text"/> stands on letter boundaries: no letter or digit
    /// before it, no letter after it unless the word is a prefix ("cpr-nr" in "cpr-nr.", "tlf" not in "tlfx").
    /// </summary>
    internal static bool OnBoundaries(string text, int start, int end, bool prefix) =>
        (start == 0 || !char.IsLetterOrDigit(text[start - 1])) && (prefix || end >= text.Length || !char.IsLetter(text[end]));

    /// <summary>
    /// Index of the lower-case <paramref name="word"/> on letter boundaries inside [from, to) of <paramref name="text"/>,
    /// any case, or -1. Ordinal ignore-case search is vectorised on modern .NET; nothing is copied or lower-cased.
    /// </summary>
    private static int Find(string text, int from, int to, string word)
    {
        bool prefix = word.EndsWith("*", StringComparison.Ordinal);
        var needle = prefix ? word.AsSpan(0, word.Length - 1) : word.AsSpan();
        var window = text.AsSpan(from, to - from);
        int at = 0;
        while (at <= window.Length - needle.Length)
        {
            int hit = window.Slice(at).IndexOf(needle, StringComparison.OrdinalIgnoreCase);
            if (hit < 0)
            {
                return -1;
            }

            hit += at;
            if (OnBoundaries(text, from + hit, from + hit + needle.Length, prefix))
            {
                return from + hit;
            }

            at = hit + 1;
        }

        return -1;
    }
}
