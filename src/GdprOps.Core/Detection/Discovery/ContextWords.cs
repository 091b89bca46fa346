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
    };

    public static readonly IReadOnlyList<string> Phone = new[]
    {
        "phone", "tel", "telephone", "mobile", "cell", "telefoon", "telefoonnummer", "mobiel", "gsm", "telefon", "tlf", "tlf.nr", "mobil", "mobilnummer", "ring", "bel", "call",
    };

    public static readonly IReadOnlyList<string> Ip = new[] { "ip", "ip address", "ip-adres", "ip-adresse", "ipv4", "ipv6", "client", "remote" };

    public static readonly IReadOnlyList<string> Address = new[]
    {
        "postcode", "post code", "postal code", "zip", "adres", "address", "postnummer", "adresse", "vej", "gade", "straat", "street", "road", "lane", "woonplaats", "by",
    };

    public static readonly IReadOnlyList<string> BirthDate = new[]
    {
        "date of birth", "dob", "born", "birth date", "birthday", "geboortedatum", "geb", "geboren", "fødselsdato", "født", "foedselsdato",
    };

    /// <summary>True when one of <paramref name="words"/> stands within <paramref name="radius"/> characters of [start, end).</summary>
    public static bool Near(string text, int start, int end, IReadOnlyList<string> words, int radius = Window)
    {
        int from = Math.Max(0, start - radius);
        int to = Math.Min(text.Length, end + radius);

        // Lower-case the window once, then every word is an ordinal (vectorised) search; the word lists are lower case.
        string window = text.Substring(from, to - from).ToLowerInvariant();
        foreach (string word in words)
        {
            if (Find(window, word, 0, window.Length) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Index of the lower-case <paramref name="word"/> on letter boundaries inside [from, to) of lower-case <paramref name="text"/>, or -1.</summary>
    public static int Find(string text, string word, int from, int to)
    {
        bool prefix = word.EndsWith("*", StringComparison.Ordinal);
        string needle = prefix ? word.Substring(0, word.Length - 1) : word;
        int at = from;
        while (at <= to - needle.Length)
        {
            // Ordinal: culture-aware comparison goes through ICU on Linux and is two orders of magnitude slower.
            int hit = text.IndexOf(needle, at, to - at, StringComparison.Ordinal);
            if (hit < 0)
            {
                return -1;
            }

            int after = hit + needle.Length;
            bool leftOk = hit == 0 || !char.IsLetterOrDigit(text[hit - 1]);
            bool rightOk = prefix || after >= text.Length || !char.IsLetter(text[after]);
            if (leftOk && rightOk)
            {
                return hit;
            }

            at = hit + 1;
        }

        return -1;
    }
}
