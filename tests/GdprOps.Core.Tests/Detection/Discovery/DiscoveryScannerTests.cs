using System;
using System.Collections.Generic;
using System.Linq;
using GdprOps.Detection.Discovery;
using Xunit;

namespace GdprOps.Tests.Detection.Discovery;

public class DiscoveryScannerTests
{
    private static readonly DiscoveryScanner Scanner = new(today: new DateTime(2026, 11, 23));

    private static (string Id, int Score, string Masked)[] Scan(string text) =>
        Scanner.ScanIdentifiers(text).Select(d => (d.DetectorId, d.Score, d.Masked)).ToArray();

    private static int ScoreOf(string text, string id) => Scan(text).Where(d => d.Id == id).Select(d => d.Score).DefaultIfEmpty(0).Max();

    [Theory]
    [InlineData("CPR-nr.: 150390-1230", 85)] // date + word + modulus 11
    [InlineData("cpr 0101601234", 85)] // 1 January: issued since 2007, may fail modulus 11
    [InlineData("ref 150390-1230", 75)] // date + modulus 11 + hyphen, no word
    [InlineData("personnummer 150390-1238", 75)] // date + word, fails modulus 11
    [InlineData("ref 1503901230", 65)] // date + modulus 11 only
    [InlineData("ref 1503901238", 0)]
    [InlineData("CPR 3201901234", 0)] // day 32
    [InlineData("CPR 010130-4123", 0)] // 2030: in the future
    public void Cpr_follows_the_catalogue_scoring(string text, int score) => Assert.Equal(score, ScoreOf(text, DetectorIds.DkCpr));

    [Theory]
    [InlineData("BSN 111222333", 85)]
    [InlineData("burgerservicenummer 1112.22.333", 85)]
    [InlineData("nummer 111222333", 0)] // 9.1 % of random numbers pass: a word is required
    [InlineData("BSN 123456789", 0)]
    // Eight digits: a legacy number with its leading zero left out (DETECTORS.md; Purview reads eight or nine digits), only
    // with its word just before it.
    [InlineData("BSN: 12345611", 85)]
    [InlineData("Burgerservicenummer (oud) 123 456 23", 85)]
    [InlineData("BSN: 12345612", 0)] // 012345612 fails the 11-proef
    [InlineData("klantnummer 12345611", 0)]
    public void Bsn_needs_the_eleven_proof_and_a_word(string text, int score) => Assert.Equal(score, ScoreOf(text, DetectorIds.NlBsn));

    [Fact]
    public void An_eight_digit_number_with_its_word_is_a_bsn_exactly_when_the_nine_with_its_leading_zero_are()
    {
        var random = new Random(20261202);
        var numbers = Enumerable.Range(0, 3000).Select(_ => random.Next(0, 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture))
            .Concat(new[] { "00000000", "11111111", "00000019" });
        foreach (string digits in numbers)
        {
            bool expected = GdprOps.Detection.BsnValidator.IsValid(("0" + digits).AsSpan());
            Assert.True(expected == (ScoreOf("BSN: " + digits, DetectorIds.NlBsn) == 85), digits);
        }
    }

    [Fact]
    public void An_eight_digit_number_is_no_bsn_because_a_bsn_word_stands_somewhere_in_the_letter()
    {
        // 076543201 passes the 11-proef: the KvK number would be a BSN by the 300-character rule of nine digits.
        const string Letter = "Postbus 100, KvK 76543201, btw NL001234567B01. Betreft uw aanvraag, BSN 123456708.";

        var bsn = Assert.Single(Scanner.ScanIdentifiers(Letter), d => d.DetectorId == DetectorIds.NlBsn);

        Assert.Equal(Letter.IndexOf("123456708", StringComparison.Ordinal), bsn.Start);
        Assert.Equal("*******08", bsn.Masked);
    }

    [Theory]
    [InlineData("NI number AB 12 34 56 C", 85)]
    [InlineData("ref AB123456C.", 75)]
    [InlineData("ref GB123456A", 0)]
    [InlineData("ref AB123456E", 0)]
    [InlineData("NI no: ab123456c", 85)] // typed in lower case, beside its word
    [InlineData("ref ab123456c", 0)] // in lower case without it: as often some other code
    [InlineData("NI no: ab123456C", 0)] // one case or the other
    public void Nino(string text, int score) => Assert.Equal(score, ScoreOf(text, DetectorIds.UkNino));

    [Theory]
    [InlineData("IBAN NL91 ABNA 0417 1643 00", "NL** **** **** **** 00")]
    [InlineData("konto DK5000400440116243.", "DK** **** **** **** 43")]
    [InlineData("pay GB29NWBK60161331926819 now", "GB** **** **** **** **** 19")]
    [InlineData("Rekeningnummer nl91abna0417164300", "NL** **** **** **** 00")] // typed in lower case, as web forms take it
    [InlineData("iban: dk50 0040 0440 1162 43.", "DK** **** **** **** 43")]
    // Countries registered since 2020 (the registry's own examples; Presidio's IBAN tests found them missing).
    [InlineData("IBAN BY13 NBRB 3600 9000 0000 2Z00 AB00", "BY** **** **** **** **** **** **00")]
    [InlineData("IBAN TL38 0080 0123 4567 8910 157", "TL** **** **** **** **** *57")]
    [InlineData("IBAN VA59 0011 2300 0012 3456 78", "VA** **** **** **** **** 78")]
    [InlineData("IBAN SC18 SSCB 1101 0000 0000 0000 1497 USD", "SC** **** **** **** **** **** **** *SD")]
    [InlineData("IBAN EG38 0019 0005 0000 0000 2631 8000 2", "EG** **** **** **** **** **** ***0 2")]
    public void Iban_valid_and_masked(string text, string masked)
    {
        var d = Assert.Single(Scan(text));
        Assert.Equal((DetectorIds.Iban, 85, masked), d);
    }

    [Theory]
    [InlineData("NI:AB123456C", DetectorIds.UkNino)] // a form field: the colon must not swallow the hex-looking id
    [InlineData("Postcode:EC1A 1BB", DetectorIds.PostcodeUk)]
    [InlineData("IBAN:DE89370400440532013000", DetectorIds.Iban)]
    [InlineData("(AB 12 34 56 C)", DetectorIds.UkNino)]
    public void Capital_led_ids_are_found_after_punctuation(string text, string id) => Assert.True(ScoreOf(text, id) > 0, text);

    [Theory]
    [InlineData("born 12. marts 1990")]
    [InlineData("geboren op 3 mei 1985")]
    [InlineData("born, ref 4471 3 mei 1985")] // the day ends a run of numbers
    [InlineData("born 1 2 3 mei 1985")]
    public void Textual_birth_dates(string text) => Assert.Equal(85, ScoreOf(text, DetectorIds.DateOfBirth));

    [Theory]
    [InlineData("born 12 March \u0661\u0669\u0669\u0660")] // Arabic-Indic year: not a date, and no crash
    [InlineData("\u0661\u0665\u0660\u0663\u0669\u0660-1230 CPR")] // non-ASCII digits never start an id
    [InlineData("CPR 150390-\u0661\u0662\u0663\u0660")]
    public void Non_ascii_digits_are_not_read_as_ids(string text) => Assert.Empty(Scan(text));

    [Theory]
    // The spaces and hyphens word processors and web pages put inside numbers so they are not broken at a line's end:
    // no-break space U+00A0, narrow no-break space U+202F, non-breaking hyphen U+2011, hyphen U+2010.
    [InlineData("CPR: 010190\u20111230", DetectorIds.DkCpr, 85)]
    [InlineData("Kontonr.: DK50\u00a00040\u00a00440\u00a01162\u00a043", DetectorIds.Iban, 85)]
    [InlineData("IBAN NL91\u202fABNA\u202f0417\u202f1643\u202f00", DetectorIds.Iban, 85)]
    [InlineData("Tlf. +45\u00a020\u201112\u201134\u201156", DetectorIds.Phone, 85)]
    [InlineData("Tlf. 20\u202f12\u202f34\u202f56", DetectorIds.Phone, 75)]
    [InlineData("Mobiel 06\u201012345678", DetectorIds.Phone, 75)]
    [InlineData("NI number: AB\u00a012\u00a034\u00a056\u00a0C", DetectorIds.UkNino, 85)]
    [InlineData("Card 4111\u00a01111\u00a01111\u00a01111", DetectorIds.PaymentCard, 85)]
    [InlineData("født 12\u201105\u20111990", DetectorIds.DateOfBirth, 85)]
    public void Ids_written_with_no_break_spaces_and_hyphens(string text, string id, int score) => Assert.Equal(score, ScoreOf(text, id));

    [Theory]
    [InlineData("IBAN NL91ABNA0417164301")] // mod 97 fails
    [InlineData("IBAN NL91ABNA04171643")] // too short for NL
    public void Iban_invalid(string text) => Assert.Equal(0, ScoreOf(text, DetectorIds.Iban));

    [Theory]
    [InlineData("Credit card 4111111111111111", 85)]
    [InlineData("4111 1111 1111 1111 12/27", 85)] // expiry nearby
    [InlineData("paid with 4111-1111-1111-1111", 75)] // 4-4-4-4 grouping
    [InlineData("ref 4111111111111111", 65)]
    // American Express and Diners Club as printed (4-6-5, 4-6-4) and the schemes by name (Presidio's test numbers).
    [InlineData("ref 3714 496353 98431", 75)]
    [InlineData("ref 3056-930902-5904", 75)]
    [InlineData("Amex 371449635398431", 85)]
    [InlineData("Diners Club: 30569309025904", 85)]
    [InlineData("ref 3714 4963 5398 431", 65)]
    [InlineData("Credit card 4111111111111112", 0)] // Luhn fails
    [InlineData("card 4111 1111-1111 1111", 0)] // mixed separators
    [InlineData("IBAN DE00 4111 1111 1111 1111 00", 0)] // 16 digits of an IBAN-shaped token (checksum wrong) pass Luhn
    [InlineData("IBAN NL00 ABNA 4111 1111 1111 1111", 0)]
    [InlineData("Konto DK00 0040 4111 1111 1111 1111 kort", 0)]
    [InlineData("Account 12 4111 1111 1111 1111", 75)] // two digits before are not an IBAN head
    [InlineData("ref AB 4111 1111 1111 1111", 75)]
    [InlineData("Betalt med kort 5425842684656326", 85)] // the plain word for a card
    [InlineData("Betaald met kaart 4111 1111 1111 1111", 85)]
    [InlineData("Kort sagt: 4111111111111112", 0)] // Luhn fails, whatever the words
    public void Payment_card(string text, int score) => Assert.Equal(score, ScoreOf(text, DetectorIds.PaymentCard));

    [Theory]
    [InlineData("mail s.berg@nordlys.example.", "s***@nordlys.example")]
    [InlineData("<Anna.Berg+news@fjord.example.org>", "A***@fjord.example.org")]
    [InlineData("GET /reset?email=anna.berg%40fjord.example&lang=da HTTP/1.1", "a***@fjord.example")] // URL-encoded in a log
    public void Email_found_and_masked(string text, string masked) => Assert.Equal((DetectorIds.Email, 85, masked), Assert.Single(Scan(text)));

    [Theory]
    [InlineData("ftp://admin:secret@files.example.com/")]
    [InlineData("user@localhost")]
    [InlineData("@handle")]
    [InlineData("discount 5%40 items")]
    [InlineData("width=100%40px.")]
    [InlineData("anna%40localhost")]
    public void Not_an_email(string text) => Assert.Equal(0, ScoreOf(text, DetectorIds.Email));

    [Theory]
    [InlineData("ring +45 20 12 34 56", 85)]
    [InlineData("0045 20123456", 85)]
    [InlineData("tlf. 20 12 34 56", 75)]
    [InlineData("mobiel 06-12345678", 75)]
    [InlineData("order 20123456", 65)]
    [InlineData("+45 12", 0)]
    // Possible for libphonenumber but in a range its metadata does not know as valid: Medium with phone words, else Low.
    [InlineData("Call me on +45 10 12 34 56 after five.", 75)]
    [InlineData("Bel mij op +31 6 9000 0000 morgen", 75)]
    [InlineData("Ring til mig på +45 10 12 34 56", 75)]
    [InlineData("Reference +45 10 12 34 56", 65)]
    [InlineData("call +45 1", 0)] // too short to be possible
    [InlineData("Tel. (020) 123 4567", 75)] // an area code in brackets
    [InlineData("Phone (0161) 496 0000", 75)]
    [InlineData("Tel: (010)-1234567", 75)] // a hyphen after the brackets (Faker's nl_NL formats write it so)
    [InlineData("Tel: (0172)-123456", 75)]
    [InlineData("Mobiel: (06) 12 34 56 78", 75)] // the Dutch mobile prefix in brackets
    [InlineData("Mobiel: (06)-12345678", 75)]
    [InlineData("Telefoon: 020 - 123 45 67", 75)] // the Dutch standard's spaced hyphen after the area code (NEN 1775)
    [InlineData("tel. 0172 - 123456", 75)]
    [InlineData("Tel. 020 - 1234", 0)] // too short for a number
    [InlineData("Open 0900 - 1700 on weekdays", 0)] // opening hours, as "0900-1700"
    [InlineData("Sales 1990 - 2000 doubled", 0)] // a range of years
    [InlineData("see pages 120 - 135", 0)]
    // The abbreviations of forms and column headers.
    [InlineData("Mobilnr.: 20123456", 75)]
    [InlineData("Telefoonnr. 06-12345678", 75)]
    [InlineData("tlfnr 20123456", 75)]
    public void Phone(string text, int score) => Assert.Equal(score, ScoreOf(text, DetectorIds.Phone));

    [Theory]
    [InlineData("Reference {0} end", "+45 20 01 23 45", 65, "+45******45")] // possible, not valid: its national digits are no DK number either
    [InlineData("Ring til {0} i dag", "+45 20 01 23 45", 75, "+45******45")]
    [InlineData("Kunde {0}", "0045 20 01 23 45", 65, "+45******45")]
    [InlineData("Ring til {0} i dag", "+45 20 12 34 56", 85, "+45******56")]
    [InlineData("Call {0}", "+44 20 7946 0000", 85, "+44********00")]
    // The trunk prefix in brackets, as signatures write it, is no digit of the number.
    [InlineData("Mobiel: {0}", "+31 (0)6 1234 5678", 85, "+31*******78")]
    [InlineData("Tel: {0} (office hours)", "+44 (0) 20 7946 0000", 85, "+44********00")]
    public void An_international_phone_is_one_detection_over_its_whole_span_and_its_national_digits_are_not_a_second(string format, string number, int score, string masked)
    {
        string text = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, number);
        var phone = Assert.Single(Scanner.ScanIdentifiers(text));
        Assert.Equal((DetectorIds.Phone, score, masked), (phone.DetectorId, phone.Score, phone.Masked));
        Assert.Equal((text.IndexOf(number, StringComparison.Ordinal), number.Length), (phone.Start, phone.Length));
    }

    [Theory]
    [InlineData("IP address 192.0.2.10", 85)]
    [InlineData("from 192.0.2.10 ok", 75)]
    [InlineData("version 1.2.3.4", 0)]
    [InlineData("v1.2.3.4", 0)]
    [InlineData("Build 10.2.3.4", 0)]
    [InlineData("RELEASE 10.2.3.4", 0)]
    [InlineData("VERSIE\t10.2.3.4", 0)]
    [InlineData("ip 300.1.1.1", 0)]
    [InlineData("ip 1.2.3.4.5", 0)]
    [InlineData("IPv6 2001:db8::8a2e:370:7334 seen", 85)]
    [InlineData("at 12:30:45 today", 0)]
    [InlineData("2026-11-16T10:19:00Z INFO", 0)]
    [InlineData("from ::1 ok", 75)]
    [InlineData("from fe80::1 ok", 75)]
    [InlineData("from 2001:0db8:0000:0000:0000:ff00:0042:8329 ok", 75)] // all eight groups: seven colons, no "::"
    [InlineData("from 0:0:0:0:0:ffff:192.0.2.1 ok", 75)] // six groups and an IPv4 tail: six colons
    [InlineData("from ::ffff:192.0.2.1 ok", 75)]
    [InlineData("from 1:2:3:4:5:6:7 ok", 0)] // seven groups and no "::" is no address
    [InlineData("at 10:19:00 from fe80::1 ok", 75)]
    [InlineData("from a:b.1::1 ok", 75)] // "a:b.1::1" is no address, but from its second colon on "1::1" is
    [InlineData("from 1:2:3:4:5:6:7.8::1 ok", 75)] // the same after a run with too few colons before its dot
    public void Ip_address(string text, int score) => Assert.Equal(score, ScoreOf(text, DetectorIds.IpAddress));

    /// <summary>An IPv4 address shows its first two groups, as written (no leading zero is ever written: such a group is no address).</summary>
    [Fact]
    public void An_ipv4_address_is_masked_to_its_first_two_groups()
    {
        var masked = Scan("from 192.168.1.20, then 10.0.0.255, 255.255.255.255 and 8.8.8.8; also 1.23.4.5 and 23.1.4.5")
            .Where(d => d.Id == DetectorIds.IpAddress).Select(d => d.Masked).ToArray();
        Assert.Equal(new[] { "192.168.*.*", "10.0.*.*", "255.255.*.*", "8.8.*.*", "1.23.*.*", "23.1.*.*" }, masked);
    }

    [Theory]
    [InlineData("adres: Kerkstraat 1, 1234 AB Amsterdam", DetectorIds.PostcodeNl, 75)]
    [InlineData("code 1234 SS", DetectorIds.PostcodeNl, 0)]
    [InlineData("address: 10 Downing Street, London SW1A 2AA", DetectorIds.PostcodeUk, 75)]
    // As forms and databases keep them: without the space, in lower case; only beside an address word.
    [InlineData("Postcode: SW1A2AA", DetectorIds.PostcodeUk, 75)]
    [InlineData("postcode: sw1a 2aa", DetectorIds.PostcodeUk, 75)]
    [InlineData("Address: 3 Mill Lane, Manchester M11AE", DetectorIds.PostcodeUk, 75)] // M1 1AE
    [InlineData("part SW1A2AA in stock", DetectorIds.PostcodeUk, 0)]
    [InlineData("see sw1a 2aa", DetectorIds.PostcodeUk, 0)]
    [InlineData("Postcode: Sw1a 2aa", DetectorIds.PostcodeUk, 0)] // mixed case
    [InlineData("ref M1 1AE", DetectorIds.PostcodeUk, 65)]
    [InlineData("postcode: 1017 gb", DetectorIds.PostcodeNl, 75)]
    [InlineData("Postcode: 1017gb Amsterdam", DetectorIds.PostcodeNl, 75)]
    [InlineData("Adres: Kerkstraat 1, 1017 gb Amsterdam", DetectorIds.PostcodeNl, 75)]
    [InlineData("We hebben 1017 ha grond", DetectorIds.PostcodeNl, 0)] // a number and a unit
    [InlineData("order 1017gb", DetectorIds.PostcodeNl, 0)] // 1017 GB of data
    [InlineData("postcode: 1017 sa", DetectorIds.PostcodeNl, 0)] // SA is not used
    [InlineData("adresse: Nørregade 1, DK-8000 Aarhus", DetectorIds.PostcodeDk, 75)]
    [InlineData("8000 Aarhus", DetectorIds.PostcodeDk, 0)] // DK never alone
    [InlineData("Postnr. 8000 Aarhus", DetectorIds.PostcodeDk, 75)]
    // A street and house number before it, as Danes and the Dutch write an address (the street's name and "gade" are one word).
    [InlineData("Jens Hansen, Vestergade 12, 8000 Aarhus C", DetectorIds.PostcodeDk, 75)]
    [InlineData("Lejer: Ole Nielsen, Nørrebrogade 44, 2. th., 2200 København N", DetectorIds.PostcodeDk, 75)]
    [InlineData("Jens Hansen\r\nVestergade 12\r\n8000 Aarhus C", DetectorIds.PostcodeDk, 75)] // a letter's address block
    [InlineData("Vestergade 12\nAtt. Jens\n8000 Aarhus C", DetectorIds.PostcodeDk, 0)] // two lines up: no longer the address
    [InlineData("Ordre 12, 8000 Aarhus", DetectorIds.PostcodeDk, 0)]
    [InlineData("bezorgd op Kerkstraat 12, 3511 Utrecht", DetectorIds.PostcodeDk, 0)] // a Dutch street: no Danish postcode
    [InlineData("Fam. de Vries, Lindenlaan 3, 3571 AB Utrecht", DetectorIds.PostcodeNl, 75)]
    [InlineData("Order 3, 3571 AB Utrecht", DetectorIds.PostcodeNl, 65)]
    [InlineData("Onderweg 5 dagen, 1234 AB retour", DetectorIds.PostcodeNl, 65)] // a number that ends no address line
    [InlineData("Kerkstraat 5A\n1017 GC Amsterdam", DetectorIds.PostcodeNl, 75)]
    [InlineData("Hjemmeadresse: 2100 København Ø", DetectorIds.PostcodeDk, 75)] // the compound address words of forms
    [InlineData("Woonadres: 1017 GC Amsterdam", DetectorIds.PostcodeNl, 75)]
    // As Faker's da_DK and nl_NL providers and the postal services write them: a floor and door after the Danish house number,
    // an addition after the Dutch one, the street word first in the name, a post office box.
    [InlineData("Kirkestræde 4 st. tv., 4000 Roskilde", DetectorIds.PostcodeDk, 75)]
    [InlineData("Nørrebrogade 44 2. th.\n2200 København N", DetectorIds.PostcodeDk, 75)]
    [InlineData("Bispe Allé 7 kl., 8000 Aarhus C", DetectorIds.PostcodeDk, 75)]
    [InlineData("Hoofdweg 100-2, 3011 AA Rotterdam", DetectorIds.PostcodeNl, 75)]
    [InlineData("Kerkstraat 12-hs\n1017 GB Amsterdam", DetectorIds.PostcodeNl, 75)]
    [InlineData("Laan van Meerdervoort 45, 2517 AA Den Haag", DetectorIds.PostcodeNl, 75)]
    [InlineData("Postbus 1234, 2500 BH Den Haag", DetectorIds.PostcodeNl, 75)]
    [InlineData("Postboks 12, 8000 Aarhus C", DetectorIds.PostcodeDk, 75)]
    [InlineData("Onderweg 5 dagen st. 2, 1234 AB retour", DetectorIds.PostcodeNl, 65)] // still no address line
    [InlineData("Vestergade 12 gange om ugen, 8000 Aarhus", DetectorIds.PostcodeDk, 0)] // no floor: the number ends no address line
    [InlineData("Strandvej 4 st 1234, 8000 Aarhus", DetectorIds.PostcodeDk, 0)] // a four-digit "door" is none
    // An English house number before its street is no Danish postcode before its town (Presidio's IBAN negative).
    [InlineData("Dalla's Pizza | 3843 Peartree Road, Bamblee, SD 20241", DetectorIds.PostcodeDk, 0)]
    [InlineData("Address: 2210 Baker Street, London", DetectorIds.PostcodeDk, 0)]
    [InlineData("Adresse: Vestergade 2, 2210 Vejle", DetectorIds.PostcodeDk, 75)]
    public void Postcodes(string text, string id, int score) => Assert.Equal(score, ScoreOf(text, id));

    [Theory]
    [InlineData("Date of birth: 12-05-1990", 85)]
    [InlineData("geboortedatum 1990-05-12", 85)]
    [InlineData("født 12. marts 1990", 85)]
    [InlineData("born 3 May 1985", 85)]
    [InlineData("født 12.marts 1990", 85)] // a short run, a dot and no space
    [InlineData("born 003 May 1985", 85)]
    // English ordinal days, as forms and letters write them (the digits glued to "st", "nd", "rd", "th").
    [InlineData("born 3rd May 1985", 85)]
    [InlineData("Born on 5th May 1985", 85)]
    [InlineData("Date of birth: 5th of May, 1985", 85)]
    [InlineData("Date of birth: May 5th, 1985", 85)]
    [InlineData("DOB 21ST JANUARY 1990", 85)]
    [InlineData("d.o.b. 12/05/1990", 85)]
    // The forms of Presidio's date tests, beside a birth word: a month's name between hyphens, a two-digit year, a comma.
    [InlineData("DOB: 5-MAY-1985", 85)]
    [InlineData("Date of birth: 05-May-85", 85)]
    [InlineData("født 05/maj/1985", 85)]
    [InlineData("DOB: 12/05/85", 85)]
    [InlineData("Fødselsdato: 12.5.90", 85)]
    [InlineData("DOB: 12 May, 1985", 85)]
    [InlineData("DOB: 05-MAY-1985x", 0)]
    [InlineData("DOB: 05-MAY/1985", 0)] // two separators
    [InlineData("DOB: 05-MAYO-1985", 0)] // no month
    [InlineData("DOB: 31/02/85", 0)] // no such day in either order
    [InlineData("Jens Hansen, f. 12. maj 1950", 85)] // Danish "f." (født) and English "b." (born) just before the date
    [InlineData("Jens Hansen (f. 12.05.1950)", 85)]
    [InlineData("Ada Lovelace (b. 10 December 1815)", 0)] // over 120 years ago
    [InlineData("Tom Hughes (b. 3 May 1971)", 85)]
    [InlineData("se s. 12.05.1950", 0)] // another abbreviation
    [InlineData("ref. 12.05.1950", 0)]
    [InlineData("invoice 12/05/85", 0)] // no birth word
    [InlineData("born 3rdMay 1985", 0)] // glued on both sides: no date
    [InlineData("born 5x May 1985", 0)] // no ordinal suffix
    [InlineData("the 3rd May 1985 meeting", 0)] // no birth word
    [InlineData("born 1985 3 May 1985", 85)] // a longer run before the day
    [InlineData("invoice date 12-05-1990", 0)] // a bare date is not a birth date
    [InlineData("Fødselsdag: 12/3-1980", 85)] // the Danish day/month-year
    [InlineData("Date of Birth: January 5, 1985", 85)] // the month first, as English writes it
    [InlineData("born Jan. 5 1985", 85)]
    [InlineData("DOB: 05 Jan 1985", 85)] // months abbreviated
    [InlineData("født 5. jan. 1985", 85)]
    [InlineData("geboren 3 mrt 1990", 85)]
    [InlineData("Sept 14, 1979 (date of birth)", 85)]
    [InlineData("Invoice of January 5, 1985", 0)] // a bare date is not a birth date
    [InlineData("born January 5, 2030", 0)] // in the future
    [InlineData("born in Jan 45, 1985", 0)] // no such day
    [InlineData("Call me +45 20 12 34 56, born 1985", 0)]
    [InlineData("Birthdate 12/3-1980", 85)]
    [InlineData("født 12-3/1980", 0)] // no one writes that
    [InlineData("faktura 12/3-1980", 0)]
    [InlineData("born 12-05-2030", 0)] // future
    [InlineData("born 12-05-1890", 0)] // older than 120
    public void Date_of_birth(string text, int score) => Assert.Equal(score, ScoreOf(text, DetectorIds.DateOfBirth));

    [Fact]
    public void Special_categories_are_weighed_at_document_level()
    {
        Assert.Equal(65, Special("Sick leave after the diagnosis.", DetectorIds.Health)); // two distinct strong terms about no one
        Assert.Equal(75, Special("Her sick leave after the diagnosis.", DetectorIds.Health)); // the same about a person
        Assert.Equal(65, Special("Sick leave registered.", DetectorIds.Health)); // one term alone
        Assert.Equal(75, Special("anna@fjord.example: sygemelding fra 3. maj.", DetectorIds.Health)); // strong term near an identifier
        Assert.Equal(65, Special("anna@fjord.example visited the hospital.", DetectorIds.Health)); // weak term
        Assert.Equal(65, Special("Medlem af fagforeningen, kontingent til fagforening.", DetectorIds.TradeUnion)); // one distinct term twice
        Assert.Equal(0, Special("The weather is fine.", DetectorIds.Health));
    }

    /// <summary>
    /// A leaflet, a guide or a policy holds many strong terms and speaks of no one in particular: Low, however many it holds.
    /// Each of these was Medium before (two distinct strong terms anywhere, and "Du skal", "an employee", "your employee" read
    /// as a person).
    /// </summary>
    [Theory]
    [InlineData("Sygemeldt med stress? Hvis du er sygemeldt, skal du aflevere en lægeerklæring. Du skal melde dig syg på første sygedag.", "ART9_HEALTH")]
    [InlineData("Udmeldelse af Folkekirken\n\nØnsker du at melde dig ud af folkekirken, skal du kontakte kirkekontoret. Når du er udmeldt, betaler du ikke kirkeskat.", "ART9_RELIGION")]
    [InlineData("If an employee asks for time off for depression, ask your employee whether a diagnosis was made.", "ART9_HEALTH")]
    [InlineData("Als een zieke werknemer een burn-out heeft, meldt u dat bij de bedrijfsarts. Een verklaring omtrent het gedrag vraagt u aan bij Justis.", "ART9_HEALTH")]
    [InlineData("Voor een baan is vaak een verklaring omtrent het gedrag nodig. Justis kijkt of u een strafblad heeft.", "ART10_CRIMINAL")]
    [InlineData("Criminal Record Check\nEmployers should check whether the role is eligible before asking for a criminal record check.", "ART10_CRIMINAL")]
    [InlineData("Na de uitspraak heeft hij/zij twee opties: hoger beroep of berusten in de veroordeling tot een gevangenisstraf.", "ART10_CRIMINAL")]
    [InlineData("What is a Biometric Template? The time clock compares your fingerprint with the template.", "ART9_BIOMETRIC")]
    [InlineData("Enable the Employee Biometric Consent option to ask for consent before fingerprints are stored.", "ART9_BIOMETRIC")]
    [InlineData("Previous Criminal Convictions\nA spent conviction does not have to be disclosed.", "ART10_CRIMINAL")]
    public void A_guide_for_everyone_is_about_no_one(string text, string category) => Assert.Equal(65, Special(text, category));

    /// <summary>The same terms in a passage about a person stay Medium: a story, a note, a letter that names someone.</summary>
    [Theory]
    [InlineData("Hvis du har spørgsmål, kan du ringe. Lotte Christensen fik konstateret brystkræft og modtog strålebehandling.", "ART9_HEALTH")]
    [InlineData("Criminal Record Check for Tom Hughes: the DBS certificate shows a conviction for theft.", "ART10_CRIMINAL")]
    [InlineData("Mevrouw Kok is veroordeeld tot een gevangenisstraf van twee jaar.", "ART10_CRIMINAL")]
    [InlineData("I was diagnosed with breast cancer last summer. How did you react? My husband has been outstanding.", "ART9_HEALTH")]
    public void A_story_about_a_person_is_about_a_person(string text, string category) => Assert.Equal(75, Special(text, category));

    /// <summary>
    /// A message is about the people it is from and to: a strong term in its subject or body is Medium when its header
    /// holds their addresses. The same body as a plain document, with no one named, is Low.
    /// </summary>
    [Fact]
    public void A_message_is_about_its_correspondents()
    {
        const string Body = "Diagnosis from the huisarts: sick leave until May.";
        var message = new DiscoveryAccumulator();
        Scanner.ScanInto(message, "Header", 0, "Søren Østergaard <soeren.oestergaard@nordlys.example>");
        Scanner.ScanInto(message, "Body", 0, Body);
        Assert.Equal(75, message.Scores[DetectorIds.Health]);

        var attached = new DiscoveryAccumulator();
        Scanner.ScanInto(attached, "Attachment:note.eml/Header", 0, "anna@fjord.example");
        Scanner.ScanInto(attached, "Attachment:note.eml/Subject", 0, "Sygemelding");
        Assert.Equal(75, attached.Scores[DetectorIds.Health]);

        // A header elsewhere (another attached message) says nothing of this body; a plain document has none.
        var other = new DiscoveryAccumulator();
        Scanner.ScanInto(other, "Attachment:a.eml/Header", 0, "anna@fjord.example");
        Scanner.ScanInto(other, "Attachment:b.eml/Body", 0, Body);
        Assert.Equal(65, other.Scores[DetectorIds.Health]);
        Assert.Equal(65, Special(Body, DetectorIds.Health));
    }

    [Theory]
    // A strong term about a person the text names in words is Medium: a name, a title, a role, a pronoun.
    [InlineData("Lønseddel for Jens Holm: sygedagpenge refunderet.", "ART9_HEALTH", 75)]
    [InlineData("Mevrouw De Wit heeft zich ziek gemeld.", "ART9_HEALTH", 75)]
    [InlineData("The employee is on sick leave.", "ART9_HEALTH", 75)]
    [InlineData("Lejeren er langtidssygemeldt.", "ART9_HEALTH", 75)] // compound ending with the term
    [InlineData("Hij is lid van de FNV en vraagt verlof voor vakbondswerk.", "ART9_TRADE_UNION", 75)]
    [InlineData("Anna is a carrier of a BRCA1 variant.", "ART9_GENETIC", 75)] // a first name opening the sentence
    [InlineData("De verklaring omtrent het gedrag voor Jan de Vries is aangevraagd.", "ART10_CRIMINAL", 75)]
    // The same words with nobody in them stay Low, and weak words alone need a second term.
    [InlineData("Health and safety training for all staff on Tuesday.", "ART9_HEALTH", 65)]
    [InlineData("The mosque on Mill Lane is open daily from 9:00.", "ART9_RELIGION", 65)]
    [InlineData("Kirkeskatten for 2027 er fastsat af kommunalbestyrelsen.", "ART9_RELIGION", 65)]
    [InlineData("The new biometric passport reader accepts all passports.", "ART9_BIOMETRIC", 65)]
    [InlineData("De politieke partijen debatteren vanavond.", "ART9_POLITICAL", 65)]
    [InlineData("Our credit union offers savings accounts.", "ART9_TRADE_UNION", 65)]
    [InlineData("Laboratoriet har bestilt en ny DNA-sekventeringsmaskine.", "ART9_GENETIC", 65)]
    [InlineData("Borgeren er dømt for seksuelt misbrug af børn.", "ART9_SEX_LIFE", 65)] // abuse is not a sex life
    [InlineData("Hij is per 1 maart aangenomen en heeft de cursus gevolgd die hij had opgenomen.", "ART9_GENETIC", 0)] // "genome" inside Dutch "aangenomen"
    public void A_special_category_is_Medium_when_the_text_is_about_a_person(string text, string category, int score) =>
        Assert.Equal(score, Special(text, category));

    [Fact]
    public void The_lexicon_is_data_with_a_strength_and_a_reason_for_every_term_in_every_language()
    {
        var all = SpecialCategoryLexicon.All;
        Assert.All(all, t => Assert.False(string.IsNullOrWhiteSpace(t.Reason), t.Text));
        // The scanner lower-cases words on the stack up to 64 characters: a longer term word could never match.
        Assert.All(all, t => Assert.All(t.Words, w => Assert.InRange(w.Length, 1, 64)));
        // Words are runs of letters: a term written with digits is matched as one whole run of letters and digits.
        Assert.All(all.Where(t => t.Text.Any(char.IsDigit)), t => Assert.True(t.Words.Length == 1 && !t.Prefix, t.Text));
        foreach (string category in DetectorIds.SpecialCategories)
        {
            foreach (string language in new[] { "en", "da", "nl" })
            {
                Assert.Contains(all, t => t.Category == category && t.Language == language && !t.Weak);
            }
        }
    }

    /// <summary>
    /// Every term of the lexicon is found where it is written plainly, in lower case, capitals or with a capital first
    /// letter, and a prefix term also with an ending: the lookup tables in front of the matching (first letters, short
    /// words) never turn away a word that starts a term.
    /// </summary>
    [Fact]
    public void Every_lexicon_term_is_found_as_written_in_any_case()
    {
        var scanner = new DiscoveryScanner();
        var missed = new List<string>();
        foreach (var term in SpecialCategoryLexicon.All)
        {
            string plain = string.Join(" ", term.Words);
            var forms = new List<string> { plain, plain.ToUpperInvariant(), char.ToUpperInvariant(plain[0]) + plain.Substring(1) };
            if (term.Prefix)
            {
                forms.Add(plain + "en");
            }

            foreach (string form in forms)
            {
                var hits = new List<(string Category, string Term, int Start, bool Weak)>();
                scanner.ScanSpecialCategories("Note: " + form + ".", hits);
                if (!hits.Any(h => h.Category == term.Category && h.Start == 6))
                {
                    missed.Add(term.Category + " " + form);
                }
            }
        }

        Assert.Empty(missed);
    }

    /// <summary>
    /// Every phrase of the lexicon is found as its entry writes it (words joined by a space, a hyphen or an apostrophe) and
    /// at a chunk's end: the gate that passes over a short word whose next word continues none of its phrases
    /// (SpecialTermIndex.NextWordMayContinue, for "is", "er", "was") never turns away one that does.
    /// </summary>
    [Fact]
    public void Every_phrase_is_found_as_its_entry_writes_it_and_at_a_chunks_end()
    {
        var scanner = new DiscoveryScanner();
        var missed = new List<string>();
        foreach (var term in SpecialCategoryLexicon.All.Where(t => t.Words.Length > 1))
        {
            string written = term.Text.TrimEnd('*', '=').TrimStart('*');
            foreach (string text in new[] { "Note: " + written + ".", "Note: " + written })
            {
                var hits = new List<(string Category, string Term, int Start, bool Weak)>();
                scanner.ScanSpecialCategories(text, hits);
                if (!hits.Any(h => h.Category == term.Category && h.Start == 6))
                {
                    missed.Add(term.Category + " " + text);
                }
            }
        }

        Assert.Empty(missed);
    }

    [Theory]
    [InlineData("Hij is ziek.", true)]
    [InlineData("Hij is\nziek.", true)] // a line break between the words
    [InlineData("Hij is niet ziek.", false)]
    [InlineData("Lars er på hospitalet.", true)]
    [InlineData("Lars er hjemme.", false)]
    public void A_phrase_starting_with_a_common_short_word_is_found_only_when_it_continues(string text, bool found)
    {
        var hits = new List<(string Category, string Term, int Start, bool Weak)>();
        new DiscoveryScanner().ScanSpecialCategories(text, hits);
        Assert.Equal(found, hits.Any(h => h.Term.Contains(' ', StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("Notes: D66.", "ART9_POLITICAL", 7)]
    [InlineData("Betalt til 3F i maj", "ART9_TRADE_UNION", 11)]
    [InlineData("3F's kontor", "ART9_TRADE_UNION", 0)]
    [InlineData("Her 23andMe report", "ART9_GENETIC", 4)]
    [InlineData("Fradrag: A-kasse", "ART9_TRADE_UNION", 9)]
    [InlineData("Ref 123F, room D666, code xd66, 3Fx and 23andme2", "", -1)]
    public void A_term_written_with_digits_is_the_whole_run_of_letters_and_digits(string text, string category, int start)
    {
        var hits = new List<(string Category, string Term, int Start, bool Weak)>();
        Scanner.ScanSpecialCategories(text, hits);

        Assert.Equal(start < 0 ? Array.Empty<(string, int)>() : new[] { (category, start) }, hits.Select(h => (h.Category, h.Start)).ToArray());
    }

    [Fact]
    public void Unknown_category_is_refused_with_the_valid_ids()
    {
        var ex = Assert.Throws<GdprOpsException>(() => new DiscoveryScanner(new[] { "DK_CPR", "US_SSN" }));
        Assert.Equal(ErrorIds.UnknownCategory, ex.ErrorId);
        Assert.Contains("US_SSN", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ART10_CRIMINAL", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_requested_categories_run()
    {
        var scanner = new DiscoveryScanner(new[] { "iban" });
        var found = scanner.ScanIdentifiers("mail a@b.example IBAN NL91ABNA0417164300");
        Assert.Equal(new[] { DetectorIds.Iban }, found.Select(d => d.DetectorId));
    }

    /// <summary>
    /// A long export in overlapping chunks: every address is counted once (none twice from the repeated tails, none
    /// lost), the evidence shows the first twelve with their counts, and the accumulator keeps only what it shows.
    /// </summary>
    [Fact]
    public void A_long_export_in_overlapping_chunks_counts_every_match_once_and_shows_the_first_evidence()
    {
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < 3000; i++)
        {
            text.Append(i).Append(",Customer ").Append(i).Append(",c").Append(i).Append("@fjord.example,+45 2").Append((1000000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        }

        var accumulator = new DiscoveryAccumulator();
        var sink = new GdprOps.Extraction.ChunkingTextSink(chunk => Scanner.ScanInto(accumulator, chunk), chunkChars: 8192);
        sink.Append("Body", text.ToString());
        sink.Complete();
        accumulator.Add("FileName", 0, Scanner.ScanIdentifiers("c0@fjord.example.csv"), Array.Empty<(string, string, int, bool)>());

        var counts = accumulator.CategoryCounts(65);
        Assert.Equal(3001, counts[DetectorIds.Email]);
        Assert.Equal(3000, counts[DetectorIds.Phone]);
        Assert.Equal(6001, accumulator.Count(65));
        string evidence = accumulator.Evidence(65);
        var entries = evidence.Split("; ");
        Assert.Equal(13, entries.Length);
        Assert.Equal("...", entries[^1]);
        // Emails are masked to their first letter: one entry with every occurrence; phones keep their last two digits:
        // 100 distinct masks of 30 rows each, of which the first ten are shown.
        Assert.Equal("Body EMAIL: c***@fjord.example x3000", entries[0]);
        Assert.Equal("FileName EMAIL: c***@fjord.example.csv", entries[1]);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"Body PHONE: +45******0{i} x30"), entries.Skip(2).Take(10));
        Assert.Equal(new[] { "Body", "FileName" }, accumulator.Where(65).ToArray());
    }

    [Fact]
    public void Evidence_counts_stay_exact_once_its_entries_are_full_whether_a_masked_form_is_the_same_string_or_a_copy()
    {
        // Forty masked phone forms, five times each: the same string objects in odd rounds (as MaskedStrings hands them
        // out), fresh copies of the same characters in even rounds. Twelve are kept as entries; the rest are only counted.
        // (A cache of forms known absent, by reference, passed this and made a phone-per-line file 2-3 % faster: not kept.)
        var forms = Enumerable.Range(0, 40).Select(i => "+45******" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var detections = new List<GdprOps.Detection.Discovery.Detection>();
        for (int round = 0; round < 5; round++)
        {
            foreach (string form in forms)
            {
                string masked = round % 2 == 1 ? form : new string(form.AsSpan());
                detections.Add(new GdprOps.Detection.Discovery.Detection(DetectorIds.Phone, detections.Count * 20, 11, 85, masked));
            }
        }

        var accumulator = new DiscoveryAccumulator();
        accumulator.Add("Body", 0, detections, Array.Empty<(string, string, int, bool)>());
        accumulator.Add("Subject", 0, detections.Take(3).ToList(), Array.Empty<(string, string, int, bool)>());

        Assert.Equal(203, accumulator.CategoryCounts(65)[DetectorIds.Phone]);
        Assert.Equal(
            Enumerable.Range(0, 12).Select(i => $"Body PHONE: +45******{i:D2} x5"),
            accumulator.Evidence(65).Split("; "));
        Assert.Equal(new[] { "Body", "Subject" }, accumulator.Where(65).ToArray());
    }

    [Fact]
    public void Evidence_entries_and_their_counts_are_those_of_a_plain_list_of_the_first_twelve_distinct_forms_and_places()
    {
        // Forms that share their length, first and last two characters (as the evidence filter hashes them) but differ in
        // the middle, forms that share nothing, one- and two-character forms; three places; 4,000 detections in random order.
        var pool = Enumerable.Range(0, 20).Select(i => "a***@fjord" + (char)('a' + i) + ".dk")
            .Concat(Enumerable.Range(0, 30).Select(i => "+45******" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)))
            .Concat(new[] { "x", "y", "ab", "ba", "1*", "*1" })
            .ToArray();
        string[] places = { "Body", "Subject", "attachment.pdf" };
        var random = new Random(20261201);
        for (int round = 0; round < 20; round++)
        {
            var accumulator = new DiscoveryAccumulator();
            var expected = new List<(string Where, string Masked, int Count)>();
            for (int n = 0; n < 200; n++)
            {
                string where = places[random.Next(round % 2 == 0 ? 1 : places.Length)];
                string masked = new string(pool[random.Next(round < 10 ? 14 : pool.Length)].AsSpan());
                var detection = new GdprOps.Detection.Discovery.Detection(DetectorIds.Phone, 0, 2, 85, masked);
                accumulator.Add(where, 0, new List<GdprOps.Detection.Discovery.Detection> { detection }, Array.Empty<(string, string, int, bool)>());
                int known = expected.FindIndex(e => e.Where == where && e.Masked == masked);
                if (known >= 0)
                {
                    expected[known] = (where, masked, expected[known].Count + 1);
                }
                else if (expected.Count < 12)
                {
                    expected.Add((where, masked, 1));
                }
            }

            Assert.Equal(
                string.Join("; ", expected.Select(e => $"{e.Where} PHONE: {e.Masked}" + (e.Count > 1 ? $" x{e.Count}" : string.Empty))),
                accumulator.Evidence(65));
            Assert.Equal(200, accumulator.CategoryCounts(65)[DetectorIds.Phone]);
        }
    }

    [Theory]
    [InlineData(4)] // the first chunk ends at "anna@fjor": no address in it
    [InlineData(8)] // at "anna@fjord.ex", which alone passes for an address
    [InlineData(10)] // at "anna@fjord.exam"
    [InlineData(13)] // right after the whole address
    public void An_address_cut_by_the_end_of_a_chunk_counts_once_and_whole(int charsAfterAt)
    {
        // The first chunk (8,192 characters) ends charsAfterAt characters after the address's '@'.
        const string Address = "anna@fjord.example";
        var text = new System.Text.StringBuilder();
        text.Append(' ', 8192 - 5 - charsAfterAt).Append(Address).Append(" tail\n").Append(' ', 3000).Append("end\n");
        var accumulator = new DiscoveryAccumulator();
        var sink = new GdprOps.Extraction.ChunkingTextSink(chunk => Scanner.ScanInto(accumulator, chunk), chunkChars: 8192);
        sink.Append("Body", text.ToString());
        sink.Complete();

        Assert.Equal(1, accumulator.CategoryCounts(65)[DetectorIds.Email]);
        Assert.Equal("Body EMAIL: a***@fjord.example", accumulator.Evidence(65));
    }

    [Fact]
    public void A_sweep_for_addresses_only_finds_the_addresses_full_discovery_finds()
    {
        // Digit runs are not weighed when no digit detector is on: the addresses among them must not move.
        string text = "12345@fjord.example, tlf. +45 20 12 34 56/anna@fjord.example; 2024-01-02 10.0.0.1 ole@x.example 1234 AB "
            + "0101901234 4111 1111 1111 1111 99@nordlys.example";
        var emailOnly = new DiscoveryScanner(new[] { DetectorIds.Email }, new DateTime(2026, 11, 23));
        var all = Scanner.ScanIdentifiers(text).Where(d => d.DetectorId == DetectorIds.Email).ToList();
        Assert.Equal(4, all.Count);
        Assert.Equal(all, emailOnly.ScanIdentifiers(text));
    }

    /// <summary>
    /// A part read in chunks counts exactly what the same text read whole counts (counts, scores, evidence and its
    /// order), whatever the chunk size: every identifier and term is judged once, whole, with its context and the
    /// references to a person around it. The text mixes what every detector reads, in rows, log lines and prose, so
    /// chunk ends fall inside addresses, digit runs, IBANs, terms and context words.
    /// </summary>
    [Theory]
    [InlineData(2_100, 1)]
    [InlineData(4_096, 2)]
    [InlineData(5_000, 3)]
    [InlineData(32_768, 4)]
    public void A_part_in_chunks_counts_what_the_whole_text_counts(int chunkChars, int seed)
    {
        var random = new Random(seed);
        var text = new System.Text.StringBuilder();
        string[] lines =
        {
            "{0},Customer {0},c{0}@fjord.example,+45 2{1},active",
            "2026-11-0{2}T10:00:00Z INFO request from 10.{2}.{3}.7 user=ops{0}@nordlys.example took {3} ms",
            "CPR-nr.: 0{2}0{2}90-{1:0000} sygemeldt, ring på tlf. 2{1}",
            "IBAN NL91ABNA0417164300 kaart 4111 1111 1111 1111 geldig tot 12/29, BSN 111222333",
            "Meeting notes: budget approved, next review in Q3, see v1.2.3.4 and 3.250 kg.",
            "Geboortedatum: 1{2}-0{2}-1985, postcode 1234 AB, Hovedgaden 1, 2{2}00 Roskilde",
            "Hun er sygemeldt med stress siden mandag.",
            "The report on union membership in Europe was published.",
            "Medewerker De Wit is lid van de vakbond en betaalt contributie.",
            "Tenant paid church tax; the mosque opens at nine.",
            "Patient Jens Holm har diabetes og tager insulin.",
            "The film review called the plot criminal.",
        };
        while (text.Length < 12 * chunkChars)
        {
            string line = lines[random.Next(lines.Length)];
            text.AppendFormat(System.Globalization.CultureInfo.InvariantCulture, line, random.Next(100_000), random.Next(1_000_000, 9_999_999), random.Next(1, 9), random.Next(256))
                .Append(random.Next(4) == 0 ? " " : "\n");
        }

        var whole = new DiscoveryAccumulator();
        Scanner.ScanInto(whole, "Body", 0, text.ToString());
        var chunked = new DiscoveryAccumulator();
        var sink = new GdprOps.Extraction.ChunkingTextSink(chunk => Scanner.ScanInto(chunked, chunk), chunkChars);
        foreach (var piece in text.ToString().Chunk(997))
        {
            sink.Append("Body", new string(piece));
        }

        sink.Complete();
        var expected = whole.CategoryCounts(65).OrderBy(p => p.Key).ToList();
        Assert.True(expected.Count(p => DetectorIds.SpecialCategories.Contains(p.Key)) >= 2 && expected.Count >= 10, string.Join(";", expected));
        Assert.Equal(expected, chunked.CategoryCounts(65).OrderBy(p => p.Key).ToList());
        Assert.Equal(whole.Scores.OrderBy(p => p.Key), chunked.Scores.OrderBy(p => p.Key));
        Assert.Equal(whole.Evidence(65), chunked.Evidence(65));
    }

    /// <summary>
    /// "union" beside "She" in the first chunk and "strike" far from anyone in the third: two distinct terms of the
    /// category, one about a person, as the whole text shows (Medium). Neither chunk alone pairs its weak term, so each
    /// must still look around it for a person.
    /// </summary>
    [Fact]
    public void A_weak_term_is_weighed_about_a_person_when_its_pair_is_in_another_chunk()
    {
        string text = "She joined the union last year." + new string(' ', 20_000) + "The strike was long." + new string(' ', 3_000);
        var whole = new DiscoveryAccumulator();
        Scanner.ScanInto(whole, "Body", 0, text);
        Assert.Equal(75, whole.Scores[DetectorIds.TradeUnion]);

        var chunked = new DiscoveryAccumulator();
        var sink = new GdprOps.Extraction.ChunkingTextSink(chunk => Scanner.ScanInto(chunked, chunk), chunkChars: 8192);
        sink.Append("Body", text);
        sink.Complete();
        Assert.Equal(75, chunked.Scores[DetectorIds.TradeUnion]);
    }

    [Fact]
    public void An_address_at_the_very_end_of_a_part_is_counted()
    {
        var accumulator = new DiscoveryAccumulator();
        Scanner.ScanInto(accumulator, "Body", 0, "write to anna@fjord.example");
        Assert.Equal(1, accumulator.Count(65));
        Assert.Equal("Body EMAIL: a***@fjord.example", accumulator.Evidence(65));
    }

    /// <summary>
    /// The first ten digits of "010190-12301" are a CPR number beside its word, and a chunk can end there. The number is
    /// not one: the chunk that reads it whole decides, and nothing is counted. Likewise a phone number that is the start
    /// of a longer digit run, and an address that goes on after its cut (".exam" of ".example" is an address as well).
    /// </summary>
    [Theory]
    [InlineData("CPR: 010190-1230", "1 note", null)]
    [InlineData("tlf. +45 20 12 34 56", "78", null)]
    [InlineData("mail anna@fjord.exam", "ple", "Body EMAIL: a***@fjord.example")]
    public void What_a_chunk_end_cuts_short_is_judged_whole_by_the_next_chunk(string beforeCut, string afterCut, string? evidence)
    {
        var text = new System.Text.StringBuilder();
        text.Append(' ', 8192 - beforeCut.Length).Append(beforeCut).Append(afterCut).Append(" and so on\n").Append(' ', 3000).Append("end\n");
        var chunks = new List<GdprOps.Extraction.TextChunk>();
        var accumulator = new DiscoveryAccumulator();
        var sink = new GdprOps.Extraction.ChunkingTextSink(chunk => { chunks.Add(chunk); Scanner.ScanInto(accumulator, chunk); }, chunkChars: 8192);
        sink.Append("Body", text.ToString());
        sink.Complete();

        // The first chunk ends exactly at the cut, and its text alone holds the identifier.
        Assert.EndsWith(beforeCut, chunks[0].Text, StringComparison.Ordinal);
        Assert.NotEmpty(Scanner.ScanIdentifiers(chunks[0].Text));
        Assert.Equal(evidence ?? string.Empty, accumulator.Evidence(65));
        Assert.Equal(evidence is null ? 0 : 1, accumulator.Count(65));
    }

    [Fact]
    public void A_term_as_a_word_of_its_own_counts_where_it_stands_after_the_same_stem_was_found_inside_an_earlier_compound()
    {
        // "hjertesygdom" (the stem inside a compound) stands far from anyone; "sygdom" later stands beside "Hun": the later,
        // short word is a hit of its own, so the note is about a person.
        string filler = string.Concat(System.Linq.Enumerable.Repeat("tal og små tal over mange år ", 10)); // no word of eight letters or more
        string text = "Rapporten om hjertesygdom i Danmark blev udgivet. " + filler + "Hun har en sygdom.";
        Assert.Equal(75, Special(text, DetectorIds.Health));
        Assert.Equal(65, Special("Rapporten om hjertesygdom i Danmark blev udgivet. " + filler, DetectorIds.Health));
    }

    private static int Special(string text, string category)
    {
        var accumulator = new DiscoveryAccumulator();
        Scanner.ScanInto(accumulator, "Body", 0, text);
        return accumulator.Scores.TryGetValue(category, out int s) ? s : 0;
    }
}
