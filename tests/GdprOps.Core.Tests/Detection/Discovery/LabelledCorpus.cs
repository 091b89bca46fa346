using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using GdprOps.Detection.Discovery;

namespace GdprOps.Tests.Detection.Discovery;

/// <summary>One generated document and the detector ids a careful reader would say it holds.</summary>
internal sealed record LabelledDocument(string Text, IReadOnlySet<string> Expected, string Kind);

/// <summary>
/// A deterministic (seeded) corpus of English, Dutch and Danish sentences carrying valid identifiers in many
/// formats, post-2007 CPR numbers that fail modulus 11, and hard negatives: impossible dates, failed
/// checksums, order numbers, US SSNs, version strings, never-issued NINO prefixes, Luhn failures beside card
/// words, credentials in URLs.
/// </summary>
internal sealed class LabelledCorpus
{
    private static readonly string[] Filler =
    {
        "Please find the details below.", "Thanks for your quick reply.", "Met vriendelijke groet.", "Venlig hilsen.",
        "The meeting is moved to Thursday.", "De factuur volgt later deze week.", "Vi vender tilbage hurtigst muligt.", "Order 4471 shipped on time.",
    };

    private readonly Random _random;

    public LabelledCorpus(int seed) => _random = new Random(seed);

    public List<LabelledDocument> Generate(int perKind)
    {
        var documents = new List<LabelledDocument>();
        var makers = new (string Kind, Func<(string Text, string? Id)> Make)[]
        {
            ("cpr", Cpr), ("cpr-post2007", CprPost2007), ("cpr-negative", CprNegative),
            ("bsn", Bsn), ("bsn-negative", BsnNegative),
            ("nino", Nino), ("nino-negative", NinoNegative),
            ("iban", Iban), ("iban-negative", IbanNegative),
            ("card", Card), ("card-negative", CardNegative),
            ("email", Email), ("email-negative", EmailNegative),
            ("phone", Phone), ("phone-negative", PhoneNegative),
            ("ip", Ip), ("ip-negative", IpNegative),
            ("ssn-negative", Ssn), ("order-negative", OrderNumber),
        };
        foreach (var (kind, make) in makers)
        {
            for (int i = 0; i < perKind; i++)
            {
                var (text, id) = make();
                documents.Add(new LabelledDocument(Wrap(text), id is null ? new HashSet<string>() : new HashSet<string> { id }, kind));
            }
        }

        foreach (var (category, terms) in SpecialTerms())
        {
            for (int i = 0; i < perKind; i++)
            {
                documents.Add(Special(category, terms));
            }
        }

        for (int i = 0; i < perKind; i++)
        {
            documents.Add(new LabelledDocument(Wrap(Pick(Filler) + " " + Pick(Filler)), new HashSet<string>(), "plain-negative"));
        }

        return documents;
    }

    private string Wrap(string sentence) => Pick(Filler) + " " + sentence + " " + Pick(Filler);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private string Digits(int n) => string.Concat(Enumerable.Range(0, n).Select(_ => (char)('0' + _random.Next(10))));

    private (string, string?) Cpr()
    {
        while (true)
        {
            var date = new DateTime(1930, 1, 1).AddDays(_random.Next(0, 365 * 75));
            int yy = date.Year % 100;
            char seventh = date.Year < 2000 ? (char)('0' + _random.Next(0, 4)) : '4';
            string first9 = date.ToString("ddMMyy", CultureInfo.InvariantCulture) + seventh + Digits(2);
            int[] weights = { 4, 3, 2, 7, 6, 5, 4, 3, 2 };
            int sum = first9.Select((c, i) => (c - '0') * weights[i]).Sum();
            int check = (11 - (sum % 11)) % 11;
            if (check == 10 || (date.Year >= 2000 && yy >= 37))
            {
                continue;
            }

            string cpr = first9 + check;
            string formatted = Pick(new[] { cpr.Substring(0, 6) + "-" + cpr.Substring(6), cpr, cpr.Substring(0, 6) + " " + cpr.Substring(6) });
            string sentence = Pick(new[]
            {
                $"Medarbejderens CPR-nr.: {formatted}.", $"CPR {formatted} er registreret.", $"Civil registration number {formatted} was updated.",
                $"Personnummer: {formatted}", $"sygesikringskort med cpr {formatted}",
            });
            return (sentence, DetectorIds.DkCpr);
        }
    }

    private (string, string?) CprPost2007()
    {
        // Numbers issued since 2007 may fail modulus 11 (mostly 1 January birth dates) and are valid.
        string cpr = "0101" + _random.Next(60, 100).ToString("00", CultureInfo.InvariantCulture) + _random.Next(0, 4) + Digits(3);
        return ($"CPR-nummer {cpr.Substring(0, 6)}-{cpr.Substring(6)} (tildelt efter 2007).", DetectorIds.DkCpr);
    }

    private (string, string?) CprNegative() => Pick(new Func<(string, string?)>[]
    {
        () => ($"Ordrenummer 3213{Digits(6)} er afsendt.", null), // day 32
        () => ($"Reference 15139{Digits(5)} in the ledger.", null), // month 13
        () => ($"Kontonummer {Digits(4)}-{Digits(6)} er lukket.", null), // 4-6 grouping is an account, not a CPR
    })();

    private static int Proef(string d) => Enumerable.Range(0, 8).Sum(i => (9 - i) * (d[i] - '0')) - (d[8] - '0');

    private string ValidBsn()
    {
        while (true)
        {
            string d = Digits(9);
            if (Proef(d) % 11 == 0 && d.Distinct().Count() > 1)
            {
                return d;
            }
        }
    }

    private (string, string?) Bsn()
    {
        string d = ValidBsn();
        string formatted = Pick(new[] { d, d.Substring(0, 3) + " " + d.Substring(3, 3) + " " + d.Substring(6), d.Substring(0, 4) + "." + d.Substring(4, 2) + "." + d.Substring(6) });
        return (Pick(new[] { $"Uw BSN: {formatted}.", $"Burgerservicenummer {formatted} is bekend bij ons.", $"Citizen service number (BSN) {formatted} was checked." }), DetectorIds.NlBsn);
    }

    private (string, string?) BsnNegative()
    {
        if (_random.Next(2) == 0)
        {
            return ($"Klantnummer {ValidBsn()} staat in het systeem.", null); // passes the 11-proef, no keyword
        }

        string d;
        do
        {
            d = Digits(9);
        }
        while (Proef(d) % 11 == 0);
        return ($"BSN {d} klopt niet.", null);
    }

    private string ValidNinoPrefix()
    {
        const string first = "ABCEGHJKLMNOPRSTWXYZ";
        const string second = "ABCEGHJKLMNPRSTWXYZ";
        string[] banned = { "BG", "GB", "KN", "NK", "NT", "TN", "ZZ", "OO", "CR", "FY", "MW", "NC" };
        while (true)
        {
            string p = first[_random.Next(first.Length)].ToString() + second[_random.Next(second.Length)];
            if (!banned.Contains(p))
            {
                return p;
            }
        }
    }

    private (string, string?) Nino()
    {
        string d = Digits(6);
        string suffix = "ABCD"[_random.Next(4)].ToString();
        string prefix = ValidNinoPrefix();
        string formatted = _random.Next(2) == 0 ? prefix + d + suffix : $"{prefix} {d.Substring(0, 2)} {d.Substring(2, 2)} {d.Substring(4)} {suffix}";
        return (Pick(new[] { $"National Insurance number: {formatted}.", $"NI no {formatted}", $"Her NINO is {formatted} according to HMRC.", $"Reference {formatted} on the payslip." }), DetectorIds.UkNino);
    }

    private (string, string?) NinoNegative() =>
        ($"National insurance {Pick(new[] { "GB", "BG", "NK", "DA", "QQ", "FY" })}{Digits(6)}{"ABCD"[_random.Next(4)]} was rejected; code {ValidNinoPrefix()}{Digits(6)}E.", null);

    private string IbanFor(string country, int length)
    {
        string bban = country switch
        {
            "NL" => Pick(new[] { "ABNA", "INGB", "RABO" }) + Digits(10),
            "GB" => Pick(new[] { "NWBK", "BARC" }) + Digits(14),
            _ => Digits(length - 4),
        };
        string rearranged = bban + country + "00";
        int remainder = 0;
        foreach (char c in rearranged)
        {
            remainder = char.IsDigit(c) ? ((remainder * 10) + (c - '0')) % 97 : ((remainder * 100) + (c - 'A' + 10)) % 97;
        }

        return country + (98 - remainder).ToString("00", CultureInfo.InvariantCulture) + bban;
    }

    private (string, string?) Iban()
    {
        var (country, length) = Pick(new[] { ("NL", 18), ("DK", 18), ("GB", 22), ("DE", 22), ("BE", 16) });
        string iban = IbanFor(country, length);
        string formatted = _random.Next(2) == 0 ? iban : string.Join(" ", Enumerable.Range(0, (iban.Length + 3) / 4).Select(i => iban.Substring(i * 4, Math.Min(4, iban.Length - (i * 4)))));
        return (Pick(new[] { $"Rekeningnummer {formatted}.", $"Please pay to IBAN {formatted}", $"Kontonummer: {formatted} (bankkonto)", $"Transfer to {formatted} today." }), DetectorIds.Iban);
    }

    private (string, string?) IbanNegative()
    {
        string iban = IbanFor("NL", 18);
        char last = iban[^1];
        string broken = iban.Substring(0, 17) + (char)('0' + ((last - '0' + 1) % 10));
        return ($"IBAN {broken} is ongeldig.", null);
    }

    private string LuhnComplete(string prefix, int length)
    {
        string body = prefix + Digits(length - prefix.Length - 1);
        for (int check = 0; check < 10; check++)
        {
            string candidate = body + check;
            int sum = candidate.Reverse().Select((c, i) => { int d = c - '0'; return i % 2 == 1 ? (d * 2 > 9 ? (d * 2) - 9 : d * 2) : d; }).Sum();
            if (sum % 10 == 0)
            {
                return candidate;
            }
        }

        throw new InvalidOperationException();
    }

    private (string, string?) Card()
    {
        string card = LuhnComplete(Pick(new[] { "4", "51", "55", "5019", "37" }), 16);
        string grouped = string.Join(Pick(new[] { " ", "-" }), Enumerable.Range(0, 4).Select(i => card.Substring(i * 4, 4)));
        string month = _random.Next(1, 13).ToString("00", CultureInfo.InvariantCulture);
        return (Pick(new[]
        {
            $"Credit card {card}, expiry {month}/29.", $"Kortnummer {grouped} (Dankort).", $"Card number: {grouped}",
            $"Betaald met creditcard {grouped}, vervaldatum {month}/28.", $"{grouped} {month}/27",
        }), DetectorIds.PaymentCard);
    }

    private (string, string?) CardNegative()
    {
        string card = LuhnComplete("4", 16);
        string broken = card.Substring(0, 15) + (char)('0' + ((card[15] - '0' + 3) % 10));
        return (Pick(new[] { $"Credit card {broken} was declined.", $"Kortnummer {broken} er ugyldigt." }), null);
    }

    private (string, string?) Email()
    {
        string local = Pick(new[] { "anna.berg", "s.oestergaard", "pieter_de.vries", "m+news", "lars-holm" }) + _random.Next(100);
        string domain = Pick(new[] { "nordlys.example", "fjord.example.org", "contoso.example.co.uk", "tulp.example.nl" });
        return (Pick(new[] { $"Mail {local}@{domain} for details.", $"From: Someone <{local}@{domain}>", $"<a href=\"mailto:{local}@{domain}\">mail</a>" }), DetectorIds.Email);
    }

    private (string, string?) EmailNegative() => (Pick(new[]
    {
        $"Connect to ftp://admin:s3cret{_random.Next(100)}@files.example.com/ now.",
        "Write to support at nordlys dot example.",
        $"The handle @{Pick(new[] { "gdprops", "nordlys" })} posted an update.",
    }), null);

    private (string, string?) Phone()
    {
        // Only numbers in allocated ranges: an unallocated one is not a phone number to anyone.
        while (true)
        {
            string dk = "2" + Digits(7);
            string nl = "6" + Digits(8);
            string gb = "7911" + Digits(6);
            int form = _random.Next(6);
            var (e164, sentence) = form switch
            {
                0 => ("+45" + dk, $"Ring på +45 {dk.Substring(0, 2)} {dk.Substring(2, 2)} {dk.Substring(4, 2)} {dk.Substring(6)}."),
                1 => ("+31" + nl, $"Bel me op +31 6 {nl.Substring(1)}."),
                2 => ("+44" + gb, $"Call +44 7911 {gb.Substring(4)} after five."),
                3 => ("+45" + dk, $"Tlf. {dk.Substring(0, 2)} {dk.Substring(2, 2)} {dk.Substring(4, 2)} {dk.Substring(6)}"),
                4 => ("+31" + nl, $"Mobiel: 0{nl.Substring(0, 1)}-{nl.Substring(1)}"),
                _ => ("+45" + dk, $"Telefon 0045 {dk} (mobil)."),
            };
            if (GdprOps.Detection.PhoneNormalizer.TryParse(e164, "ZZ", out _))
            {
                return (sentence, DetectorIds.Phone);
            }
        }
    }

    private (string, string?) PhoneNegative() => (Pick(new[]
    {
        $"Invoice {Digits(8)} is due.", $"Bestelling {Digits(9)} is verzonden.", $"Version 20.{_random.Next(10)}.{Digits(3)} released.",
    }), null);

    private (string, string?) Ip()
    {
        string ip = $"{_random.Next(1, 224)}.{_random.Next(256)}.{_random.Next(256)}.{_random.Next(1, 255)}";
        return (Pick(new[] { $"Login from IP address {ip}.", $"IP-adres {ip} geblokkeerd.", $"client={ip} status=ok", $"Forbindelse fra {ip} (IP-adresse)." }), DetectorIds.IpAddress);
    }

    private (string, string?) IpNegative() => (Pick(new[]
    {
        $"Upgrade to version 1.{_random.Next(10)}.{_random.Next(10)}.{_random.Next(100)} today.", $"Firmware v2.{_random.Next(10)}.{_random.Next(10)}.{_random.Next(10)} is out.",
        $"Value 300.{_random.Next(256)}.{_random.Next(256)}.1 is out of range.",
    }), null);

    private (string, string?) Ssn() => ($"US SSN {_random.Next(100, 900)}-{_random.Next(10, 100)}-{_random.Next(1000, 10000)} on the W-2 form.", null);

    private (string, string?) OrderNumber() => (Pick(new[] { $"Order {Digits(10)} was shipped.", $"Tracking {Digits(12)}.", $"Artikel {Digits(6)}-{Digits(4)} op voorraad." }), null);

    private static IEnumerable<(string Category, string[] Terms)> SpecialTerms() => new[]
    {
        (DetectorIds.Health, new[] { "sick leave", "diagnosis", "ziekmelding", "huisarts", "sygemelding", "sygefravær", "medication", "pregnancy" }),
        (DetectorIds.TradeUnion, new[] { "trade union", "union dues", "vakbondslid", "fagforening", "tillidsrepræsentant" }),
        (DetectorIds.Religion, new[] { "mosque", "synagogue", "kirkeskat", "religie", "trosretning" }),
        (DetectorIds.Criminal, new[] { "criminal record", "conviction", "strafblad", "straffeattest", "børneattest" }),
    };

    private LabelledDocument Special(string category, string[] terms)
    {
        string a = Pick(terms);
        string b = Pick(terms.Where(t => t != a).ToArray());
        string email = $"emp{_random.Next(1000)}@nordlys.example";
        string text = _random.Next(2) == 0
            ? $"{Pick(Filler)} Note about {a} and {b}. {Pick(Filler)}"
            : $"{Pick(Filler)} Employee {email}: {a} registered. {Pick(Filler)}";
        var expected = new HashSet<string> { category };
        if (text.Contains('@', StringComparison.Ordinal))
        {
            expected.Add(DetectorIds.Email);
        }

        return new LabelledDocument(text, expected, "special-" + category);
    }
}
