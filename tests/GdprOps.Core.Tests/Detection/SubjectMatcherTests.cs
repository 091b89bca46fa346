using System;
using System.Linq;
using GdprOps.Detection;
using GdprOps.Model;
using Xunit;
using GdprOps.Subjects;

namespace GdprOps.Tests.Detection;

public class SubjectMatcherTests
{
    private static SubjectMatcher Matcher(string[]? names = null, string[]? emails = null, string[]? phones = null, string[]? ids = null, string[]? other = null, bool initials = false) =>
        new(new SubjectProfileBuilder { AllowInitials = initials }
            .AddNames(names).AddEmails(emails).AddPhones(phones).AddNationalIds(ids).AddOtherIds(other).Build());

    private static IdentifierKind[] Kinds(SubjectMatcher matcher, string text) => matcher.Match(text).Select(m => m.Kind).ToArray();

    [Theory]
    [InlineData("Mail soeren.oestergaard@nordlys.example today", 1)]
    [InlineData("SOEREN.OESTERGAARD@NORDLYS.EXAMPLE", 1)]
    [InlineData("From: Søren <soeren.oestergaard@nordlys.example>", 1)]
    [InlineData("<a href=\"mailto:soeren.oestergaard@nordlys.example\">x</a>", 1)]
    [InlineData("end of sentence soeren.oestergaard@nordlys.example.", 1)]
    [InlineData("xsoeren.oestergaard@nordlys.example", 0)]
    [InlineData("soeren.oestergaard@nordlys.example.evil.com", 0)]
    [InlineData("soeren.oestergaard@nordlys.examples", 0)]
    [InlineData("j.soeren.oestergaard@nordlys.example", 0)]
    // The '@' as logs, HTML and web pages write it.
    [InlineData("GET /reset?email=soeren.oestergaard%40nordlys.example&x=1 200", 1)]
    [InlineData("soeren.oestergaard&#64;nordlys.example", 1)]
    [InlineData("Mail: soeren.oestergaard [at] nordlys.example", 1)]
    [InlineData("soeren.oestergaard(AT)nordlys.example", 1)]
    [InlineData("soeren.oestergaard%40nordlys.examples", 0)]
    [InlineData("soeren.oestergaard [at] nordlys.example.evil.com", 0)]
    [InlineData("soeren.oestergaard at nordlys.example", 0)] // a bare "at" is a word too often
    [InlineData("soeren.oestergaard%41nordlys.example", 0)]
    public void Emails_match_case_insensitively_with_boundaries(string text, int expected)
    {
        Assert.Equal(expected, Kinds(Matcher(emails: new[] { "Soeren.Oestergaard@nordlys.example" }), text).Count(k => k == IdentifierKind.Email));
    }

    [Theory]
    [InlineData("From: jo@nordlys-kommune.example", "jo@nordlys-kommune.example", 6)] // a short local part: anchored on the domain
    [InlineData("email=jo%40nordlys-kommune.example", "jo@nordlys-kommune.example", 6)]
    [InlineData("mail soeren.oestergaard@x.dk now", "soeren.oestergaard@x.dk", 5)]
    [InlineData("mail soeren.oestergaard%40x.dk now", "soeren.oestergaard@x.dk", 5)]
    public void An_email_is_found_by_either_part_and_spans_what_is_written(string text, string email, int start)
    {
        var match = Assert.Single(Matcher(emails: new[] { email }).Match(text));
        Assert.Equal(start, match.Start);
        Assert.Equal(text.IndexOf(email.Substring(email.IndexOf('@') + 1), StringComparison.Ordinal) + email.Length - email.IndexOf('@') - 1, match.Start + match.Length);
    }

    [Theory]
    [InlineData("Søren Østergaard")]
    [InlineData("Soeren Oestergaard")]
    [InlineData("Soren Ostergaard")]
    [InlineData("SØREN ØSTERGAARD")]
    [InlineData("Søren Østergård")]
    [InlineData("Søren\r\n   Østergaard")]
    [InlineData("Østergaard, Søren")]
    [InlineData("Oestergaard, Soeren Aabye")]
    [InlineData("Søren Aabye Østergaard")]
    [InlineData("Søren A. Østergaard")]
    [InlineData("So\u0308ren O\u0308stergaard")] // decomposed diacritics
    public void Names_match_through_transliteration_order_whitespace_and_middle_names(string text)
    {
        var matches = Matcher(names: new[] { "Søren Aabye Østergaard" }).Match("Dear " + text + ", welcome.");
        var match = Assert.Single(matches);
        Assert.Equal(IdentifierKind.Name, match.Kind);
        Assert.False(match.ByInitials);
    }

    [Theory]
    [InlineData("Søren Østergaard-Hansen")]
    [InlineData("Søren Bøgh")]
    [InlineData("Sørensen Østergaard")]
    [InlineData("Søren. Østergaard")]
    [InlineData("Søren, Østergaard")]
    [InlineData("S. Østergaard")]
    [InlineData("Østergaard, S.")]
    [InlineData("Søren Østergaardsen")]
    [InlineData("Søren                    Østergaard")] // more than the gap allowed between words
    [InlineData("Søren\nMette Østergaard")] // a list of two people, not a middle name
    [InlineData("Søren Mette\nØstergaard")]
    [InlineData("Søren og Mette Østergaard")]
    [InlineData("Søren Bjørn Kaj Østergaard")] // one middle name the profile lacks, not two
    [InlineData("Søren Østergaardss")]
    public void Other_names_and_initials_without_permission_do_not_match(string text)
    {
        Assert.Empty(Matcher(names: new[] { "Søren Østergaard" }).Match(text));
    }

    /// <summary>
    /// The person's name as people write it beyond the profile: with a middle name or initial the profile does not give,
    /// and in the genitive (Danish and Dutch add -s; English writes 's). Each was no match: a lost finding.
    /// </summary>
    [Theory]
    [InlineData("Søren B. Østergaard har fået ny adresse.", "Søren B. Østergaard")]
    [InlineData("Søren Bjørn Østergaard har fået ny adresse.", "Søren Bjørn Østergaard")]
    [InlineData("Søren Østergaards ansøgning om orlov er godkendt.", "Søren Østergaards")]
    [InlineData("Søren B. Østergaards ansøgning", "Søren B. Østergaards")]
    [InlineData("Søren Østergaard's request was approved.", "Søren Østergaard")]
    [InlineData("SØREN ØSTERGAARDS ANSØGNING", "SØREN ØSTERGAARDS")]
    [InlineData("Vedr. orlov for Søren\nB. Østergaard, modtaget", "Søren\nB. Østergaard")] // wrapped text, a PDF's lines
    [InlineData("Vedr. orlov for Søren B.\r\nØstergaard, modtaget", "Søren B.\r\nØstergaard")]
    public void A_name_matches_with_a_middle_name_the_profile_lacks_and_in_the_genitive(string text, string name) =>
        MatchesOnce("Søren Østergaard", text, name);

    /// <summary>
    /// Exports keep the first and the last name in columns of their own. A name-only profile found nothing in such a file:
    /// only whitespace (or "Last, First") could stand between the parts.
    /// </summary>
    [Theory]
    [InlineData("104;Søren;Østergaard;Logistik\n", "Søren;Østergaard")]
    [InlineData("104;Østergaard;Søren;Logistik\n", "Østergaard;Søren")]
    [InlineData("104,Soeren,Oestergaard,Logistik\n", "Soeren,Oestergaard")]
    [InlineData("\"104\",\"Østergaard\",\"Søren\",\"Logistik\"\n", "Østergaard\",\"Søren")]
    [InlineData("| 104 | Søren Aabye|Østergaard |", "Søren Aabye|Østergaard")] // first and middle name in one cell
    [InlineData("| 104 | Søren | Østergaard | Logistik |", "Søren | Østergaard")] // a Markdown table
    [InlineData("104;Søren;;Østergaard;Logistik\n", "Søren;;Østergaard")] // an empty column between
    [InlineData("\"104\",\"Søren\",\"\",\"Østergaard\"\n", "Søren\",\"\",\"Østergaard")]
    public void A_name_in_two_cells_of_a_row_matches(string text, string name) =>
        MatchesOnce("Søren Aabye Østergaard", text, name);

    /// <summary>An address book export gives the middle name a column of its own (Outlook's "First Name","Middle Name","Last Name").</summary>
    [Theory]
    [InlineData("\"Søren\",\"A.\",\"Østergaard\",\"Lager\"", "Søren\",\"A.\",\"Østergaard")]
    [InlineData("Søren;A;Østergaard;Lager", "Søren;A;Østergaard")]
    [InlineData("\"Søren\",\"\",\"Østergaard\"", "Søren\",\"\",\"Østergaard")]
    public void A_middle_initial_the_profile_lacks_may_have_a_column_of_its_own(string text, string name) =>
        MatchesOnce("Søren Østergaard", text, name);

    /// <summary>
    /// Structured text keeps first and last name in fields of their own, with the next field's key between the two: JSON and
    /// dicts, XML elements and attributes, key=value pairs, "Key: value" lines. A name-only profile found none of them.
    /// </summary>
    [Theory]
    [InlineData("{\"id\":104,\"firstName\":\"Søren\",\"lastName\":\"Østergaard\",\"dept\":\"Lager\"}", "Søren\",\"lastName\":\"Østergaard")]
    [InlineData("{\n  \"first_name\": \"Søren\",\n  \"last_name\": \"Østergaard\"\n}", "Søren\",\n  \"last_name\": \"Østergaard")]
    [InlineData("{'fornavn': 'Søren', 'efternavn': 'Østergaard'}", "Søren', 'efternavn': 'Østergaard")] // a Python dict in a log
    [InlineData("{\"family\":\"Østergaard\",\"given\":[\"Søren\",\"Aabye\"]}", "Østergaard\",\"given\":[\"Søren\",\"Aabye")] // FHIR
    [InlineData("{\"given\":[\"Søren\"],\"family\":\"Østergaard\"}", "Søren\"],\"family\":\"Østergaard")]
    [InlineData("<Person><FirstName>Søren</FirstName>\n  <LastName>Østergaard</LastName></Person>", "Søren</FirstName>\n  <LastName>Østergaard")]
    [InlineData("<ns:Given>Søren</ns:Given><ns:Family xml:lang=\"da\">Østergaard</ns:Family>", "Søren</ns:Given><ns:Family xml:lang=\"da\">Østergaard")]
    [InlineData("<employee first=\"Søren\" last=\"Østergaard\"/>", "Søren\" last=\"Østergaard")]
    [InlineData("GET /search?first=Søren&last=Østergaard HTTP/1.1", "Søren&last=Østergaard")]
    [InlineData("2026-11-02 user first=Søren last=Østergaard action=export", "Søren last=Østergaard")]
    [InlineData("- first_name: Søren\n  last_name: Østergaard\n  dept: Lager", "Søren\n  last_name: Østergaard")] // YAML
    [InlineData("givenName: Søren\r\nsn: Østergaard\r\nmail: s@x.example", "Søren\r\nsn: Østergaard")] // LDIF
    [InlineData("Fornavn: Søren\nEfternavn: Østergaard\nAfdeling: Lager", "Søren\nEfternavn: Østergaard")] // a form
    [InlineData("{\"lastName\":\"Østergaard\",\"firstName\":\"Søren\",\"middleName\":\"Aabye\"}", "Østergaard\",\"firstName\":\"Søren\",\"middleName\":\"Aabye")]
    public void A_name_in_two_fields_of_a_record_matches(string text, string name) =>
        MatchesOnce("Søren Aabye Østergaard", text, name);

    [Theory]
    [InlineData("{\"firstName\": \"Søren\", \"lastName\": \"Østergaard\"}", "S*** Ø***")]
    [InlineData("<FirstName>Søren</FirstName><MiddleName>Aabye</MiddleName><LastName>Østergaard</LastName>", "S*** A*** Ø***")]
    [InlineData("- first_name: Søren\n  last_name: Østergaard", "S*** Ø***")]
    [InlineData("104;Søren;Østergaard;Lager", "S*** Ø***")]
    [InlineData("CV_Søren_Østergaard.docx", "S*** Ø***")]
    [InlineData("Østergaard, Søren", "Ø***, S***")]
    public void A_name_over_cells_or_fields_is_masked_by_its_words_alone(string text, string masked) =>
        Assert.Equal(masked, Assert.Single(Matcher(names: new[] { "Søren Aabye Østergaard" }).Match(text)).Masked);

    [Fact]
    public void A_middle_initial_the_profile_lacks_may_have_a_field_of_its_own() =>
        MatchesOnce("Søren Østergaard", "{\"first\":\"Søren\",\"mi\":\"A\",\"last\":\"Østergaard\"}", "Søren\",\"mi\":\"A\",\"last\":\"Østergaard");

    [Theory]
    [InlineData("{\"first\":\"Søren\",\"city\":\"Aarhus\",\"last\":\"Østergaard\"}")] // a field between, as a cell between
    [InlineData("Til Søren, note: Østergaard er lukket")] // prose with a colon
    [InlineData("Søren\nNote Østergaard")] // no key's colon
    [InlineData("Søren</b> and <b>Østergaard")] // markup between words of prose
    [InlineData("{\"first\":\"Søren\",\"last\":\"Hansen\",\"street\":\"Østergaard Allé\"}")]
    [InlineData("Fra: Jens Holm\nSendt: 2. december 2026\nTil: Søren\nEmne: Østergaard og budget")] // a forwarded message's header lines
    [InlineData("From: Jens Holm\r\nTo: Søren\r\nSubject: Østergaard budget")]
    [InlineData("Søren a == Østergaard")]
    [InlineData("{ \"contact\": \"S. Østergaard\", \"email\": \"SOEREN.OESTERGAARD@NORDLYS.EXAMPLE\" }")] // an address's local part in the next field
    [InlineData("{\"user\":\"x.oestergaard\",\"first\":\"Søren\"}")]
    [InlineData("104;Østergaard;soeren@nordlys.example")]
    public void Fields_that_are_not_the_name_side_by_side_do_not_match(string text) =>
        Assert.Empty(Matcher(names: new[] { "Søren Østergaard" }).Match(text));

    /// <summary>
    /// File names put an underscore, a full stop or a hyphen where a space would be ("CV_Søren_Østergaard.docx"): a scanned
    /// payslip whose only words are its name was never found, nor an attachment's name in a message.
    /// </summary>
    [Theory]
    [InlineData("CV_Søren_Østergaard.docx", "Søren_Østergaard")]
    [InlineData("Søren.Østergaard.pdf", "Søren.Østergaard")]
    [InlineData("soeren_oestergaard_loenseddel_2026.pdf", "soeren_oestergaard")]
    [InlineData("Søren-Østergaard-kontrakt.pdf", "Søren-Østergaard")]
    [InlineData("Østergaard_Søren_2026.pdf", "Østergaard_Søren")]
    [InlineData("Vedhæftet: Søren_Aabye_Østergaard_sygemelding.PDF.", "Søren_Aabye_Østergaard")] // an attachment's name in a sentence
    [InlineData("\\\\fil01\\HR\\CV_Søren_Østergaard.docx", "Søren_Østergaard")]
    public void A_name_in_a_file_name_matches_with_the_characters_file_names_put_for_spaces(string text, string name) =>
        MatchesOnce("Søren Aabye Østergaard", text, name);

    [Theory]
    [InlineData("Søren_Østergaard")] // no extension
    [InlineData("2026-11 Søren_Østergaard lønseddel")]
    public void An_items_own_name_joins_a_name_as_file_names_do(string itemName) =>
        Assert.Single(Matcher(names: new[] { "Søren Østergaard" }).Match(itemName, fileName: true));

    [Theory]
    [InlineData("Søren-Østergaard lønseddel.pdf", true)] // a name with spaces: the hyphen joins a double name
    [InlineData("Søren Østergaard-Hansen.pdf", true)] // another surname
    [InlineData("soeren_oestergaard@nordlys.example", false)] // an address, not a file
    [InlineData("user soeren_oestergaard logged in", false)] // a user name in a log
    [InlineData("Søren_Østergaard_notes", false)] // no file's name in text
    public void Underscores_hyphens_and_full_stops_join_a_name_only_in_a_file_name(string text, bool itemName) =>
        Assert.Empty(Matcher(names: new[] { "Søren Østergaard" }).Match(text, fileName: itemName));

    /// <summary>Formal lists (EU institutions, French and Belgian registers) write the surname first, in capitals, with no comma.</summary>
    [Theory]
    [InlineData("Deltagere: ØSTERGAARD Søren (DK), DUPONT Marie (FR)", "ØSTERGAARD Søren")]
    [InlineData("ØSTERGAARD Søren Aabye, Logistik", "ØSTERGAARD Søren Aabye")]
    [InlineData("OESTERGAARD SOEREN", "OESTERGAARD SOEREN")]
    public void A_surname_in_capitals_before_the_first_name_matches(string text, string name) =>
        MatchesOnce("Søren Aabye Østergaard", text, name);

    [Theory]
    [InlineData("Hos Østergaard Søren og Mette spiste vi")] // not in capitals: two words side by side
    [InlineData("ØSTERGAARD\nSøren Jensen")] // across a line
    public void A_surname_before_the_first_name_without_capitals_or_a_comma_does_not_match(string text) =>
        Assert.Empty(Matcher(names: new[] { "Søren Østergaard" }).Match(text));

    /// <summary>A web server's or proxy's log keeps what people searched for and whose page they opened, percent-encoded.</summary>
    [Theory]
    [InlineData("10.0.0.7 - - [02/Dec/2026] \"GET /search?q=S%C3%B8ren+%C3%98stergaard&page=2 HTTP/1.1\" 200", "S%C3%B8ren+%C3%98stergaard")]
    [InlineData("GET /people/Soeren%20Aabye%20Oestergaard/profile", "Soeren%20Aabye%20Oestergaard")]
    [InlineData("referer=https://intra.example/find?name=s%c3%b8ren%20%c3%b8stergaard", "s%c3%b8ren%20%c3%b8stergaard")]
    [InlineData("2026-12-02 search term=Søren+Østergaard", "Søren+Østergaard")]
    [InlineData("q=%C3%98stergaard%2C+S%C3%B8ren", "%C3%98stergaard%2C+S%C3%B8ren")] // "Østergaard, Søren"
    public void A_name_written_into_a_url_matches_where_it_is_written(string text, string name) =>
        MatchesOnce("Søren Aabye Østergaard", text, name);

    [Theory]
    [InlineData("Søren+Østergaard")] // a plus in prose is no space
    [InlineData("q=S%C3%B8ren+Hansen%20%C3%98stergaard-Allé")]
    [InlineData("q=S%C3%B8ren%C3%98stergaard")] // no space between
    [InlineData("q=S%C3%B8ren+%C3")] // a cut character
    public void Encoded_text_that_is_not_the_name_does_not_match(string text) =>
        Assert.Empty(Matcher(names: new[] { "Søren Østergaard" }).Match(text));

    /// <summary>A Dutch export writes the particles in a column of their own ("Voornaam;Tussenvoegsel;Achternaam").</summary>
    [Theory]
    [InlineData("Jan de Vries", "7;Jan;de;Vries;Utrecht", "Jan;de;Vries")]
    [InlineData("Jan de Vries", "7;Vries;Jan;de;Utrecht", "Vries;Jan;de")]
    [InlineData("Jan Jansen", "8;Jan;;Jansen;Utrecht", "Jan;;Jansen")] // no particle: its column empty
    public void A_name_whose_particles_have_a_column_of_their_own_matches(string profile, string text, string name) =>
        MatchesOnce(profile, text, name);

    [Theory]
    [InlineData("104;Søren;Bøgh;Østergaard Allé 3")] // another surname; the street is in the next cell but one
    [InlineData("Søren; Østergaard")] // a list in prose
    [InlineData("Søren;;;Østergaard")] // two columns between
    [InlineData("Søren;x;Østergaard")]
    [InlineData("Søren.;Østergaard")]
    [InlineData("104;Søren;Jensen;Østergaard Allé 3")] // a middle word in its own column may be a surname before a street
    public void Cells_that_are_not_the_name_side_by_side_do_not_match(string text) =>
        Assert.Empty(Matcher(names: new[] { "Søren Østergaard" }).Match(text));

    [Theory]
    [InlineData("Gesprek met Jan P. de Vries over zijn re-integratie.", "Jan P. de Vries")] // before the particle
    [InlineData("Jan Pieter de Vries belde.", "Jan Pieter de Vries")]
    [InlineData("Jan P. Vries", "Jan P. Vries")] // the particle left out, as a middle part may be
    public void A_middle_name_the_profile_lacks_stands_before_its_particle(string text, string name) =>
        MatchesOnce("Jan de Vries", text, name);

    [Theory]
    [InlineData("Brief aan Jan vd Berg, Utrecht", "Jan vd Berg")] // the particles' initials in one word, as Dutch abbreviates them
    [InlineData("Brief aan Jan v/d Berg, Utrecht", "Jan v/d Berg")]
    [InlineData("Brief aan Jan VD Berg", "Jan VD Berg")]
    [InlineData("Brief aan Jan v.d. Berg", "Jan v.d. Berg")]
    public void Dutch_particles_abbreviated_match(string text, string name) =>
        MatchesOnce("Jan van den Berg", text, name);

    /// <summary>
    /// Names with an apostrophe (Irish O', Italian and French d', Dutch 't and 's) were never matched, not even as the profile
    /// writes them: the apostrophe splits the name into tokens, and a part's tokens had to be joined by a hyphen or a space.
    /// </summary>
    [Theory]
    [InlineData("Seán O'Brien", "Mødet med Seán O'Brien er flyttet.", "Seán O'Brien")]
    [InlineData("Seán O'Brien", "Meeting with Sean O\u2019Brien about his leave.", "Sean O\u2019Brien")] // the typographic apostrophe
    [InlineData("Seán O'Brien", "SEAN O\u2018BRIEN", "SEAN O\u2018BRIEN")] // turned the wrong way by autocorrection
    [InlineData("Seán O'Brien", "O\u2019Brien, Seán: contract", "O\u2019Brien, Seán")]
    [InlineData("Seán O\u2019Brien", "Seán O'Brien's request", "Seán O'Brien")]
    [InlineData("Anna D'Angelo", "Lettera per Anna d\u00B4Angelo", "Anna d\u00B4Angelo")]
    [InlineData("Pieter van 't Hof", "Gesprek met Pieter van 't Hof.", "Pieter van 't Hof")]
    [InlineData("Pieter van 't Hof", "Gesprek met Pieter van't Hof.", "Pieter van't Hof")] // written together
    [InlineData("Pieter van 't Hof", "Gesprek met Pieter van \u2019t Hof.", "Pieter van \u2019t Hof")]
    [InlineData("Pieter van 't Hof", "Gesprek met Pieter Hof.", "Pieter Hof")] // the particles left out, as middle parts may be
    [InlineData("Seán O'Brien", "Employee: Sean OBrien, start 2026-01-05", "Sean OBrien")] // a system that takes letters only
    [InlineData("Seán O'Brien", "OBRIEN, SEAN", "OBRIEN, SEAN")]
    [InlineData("Anna D'Angelo", "Lettera per Anna Dangelo", "Anna Dangelo")]
    [InlineData("Seán O'Brien", "Brev til Sean O\u02BCBrien i dag", "Sean O\u02BCBrien")] // the modifier letter apostrophe
    [InlineData("Seán O\u02BCBrien", "Meeting with Sean O'Brien", "Sean O'Brien")]
    public void A_name_with_an_apostrophe_matches_with_any_apostrophe(string profile, string text, string name) =>
        MatchesOnce(profile, text, name);

    /// <summary>
    /// An invisible character inside a name (a soft hyphen a writer or a newsletter tool put in as an optional break, a
    /// zero-width space or joiner an editor left) split it into two words, and the name was no match.
    /// </summary>
    [Theory]
    [InlineData("Brev til Søren Øster\u00ADgaard om orlov.", "Søren Øster\u00ADgaard")]
    [InlineData("Brev til Sø\u00ADren Øster\u00ADgaard om orlov.", "Sø\u00ADren Øster\u00ADgaard")]
    [InlineData("Brev til Søren Øster\u200Bgaard om orlov.", "Søren Øster\u200Bgaard")]
    [InlineData("Brev til Søren Øster\u200Dgaard om orlov.", "Søren Øster\u200Dgaard")]
    [InlineData("Øster\u00ADgaard, Søren", "Øster\u00ADgaard, Søren")]
    public void A_name_with_an_invisible_character_inside_a_word_matches(string text, string name) =>
        MatchesOnce("Søren Østergaard", text, name);

    /// <summary>
    /// A justified PDF or a narrow column breaks a long name where the line ends ("Øster-" above "gaard"); the extractor keeps
    /// the hyphen and the line break, and the two halves were no name. A part of a double name broken so is still no name.
    /// </summary>
    [Theory]
    [InlineData("Søren Østergaard", "Brev til Søren Øster-\ngaard om orlov.", "Søren Øster-\ngaard")]
    [InlineData("Søren Østergaard", "Brev til Sø-\nren Østergaard om orlov.", "Sø-\nren Østergaard")] // the first word: where a match starts
    [InlineData("Søren Østergaard", "Brev til Søren Øster-\r\n   gaards ansøgning", "Søren Øster-\r\n   gaards")] // and in the genitive
    [InlineData("Søren Østergaard", "Brev til Søren Øster\u00AD\ngaard om orlov.", "Søren Øster\u00AD\ngaard")] // a soft hyphen
    [InlineData("Søren Østergaard", "Øster-\ngaard, Søren: kontrakt", "Øster-\ngaard, Søren")]
    [InlineData("Mette Holm-Jensen", "Brev til Mette Holm-\nJensen om orlov.", "Mette Holm-\nJensen")]
    public void A_name_broken_at_a_line_end_matches(string profile, string text, string name) =>
        MatchesOnce(profile, text, name);

    [Theory]
    [InlineData("Søren Østergaard", "Brev til Søren Øster- gaard om orlov.")] // no line break: two words
    [InlineData("Søren Østergaard", "Brev til Søren Øster-\nhus om orlov.")]
    [InlineData("Mette Holm", "Brev til Mette Holm-\nJensen om orlov.")] // a part of a double name
    public void A_word_broken_at_a_line_end_is_read_whole(string profile, string text) =>
        Assert.Empty(Matcher(names: new[] { profile }).Match(text));

    [Theory]
    [InlineData("Meeting with Sean Brien.")]
    [InlineData("Meeting with Sean O'Briena.")]
    [InlineData("Meeting with Sean O-Brian.")]
    [InlineData("Meeting with Sean D'Brien.")]
    [InlineData("Meeting with Sean OBriena.")]
    [InlineData("Meeting with Sean Brien O.")]
    public void Another_name_with_an_apostrophe_is_not_the_name(string text) =>
        Assert.Empty(Matcher(names: new[] { "Seán O'Brien" }).Match(text));

    [Theory]
    [InlineData("Mette Holm\u2011Jensen")] // a non-breaking hyphen, as Word inserts one
    [InlineData("Mette Holm\u2010Jensen")]
    [InlineData("Mette Holm\u2013Jensen")] // an en dash
    [InlineData("Holm\u2011Jensen, Mette")]
    public void A_double_name_matches_with_the_hyphens_word_processors_write(string text) =>
        Assert.Single(Matcher(names: new[] { "Mette Holm-Jensen" }).Match(text));

    [Theory]
    [InlineData("Mette Holm\u2011Jensen")]
    [InlineData("Mette Holm\u2013Jensen")]
    public void A_part_of_a_double_name_joined_by_any_hyphen_is_not_the_name(string text) =>
        Assert.Empty(Matcher(names: new[] { "Mette Holm" }).Match(text));

    [Theory]
    [InlineData("Tlf. 20\u202f12\u202f34\u202f56")] // narrow no-break spaces, which libphonenumber does not read
    [InlineData("Tlf. +45\u202f20\u202f12\u202f34\u202f56")]
    [InlineData("Tlf. +45\u00a020\u201112\u201134\u201156")]
    public void A_phone_written_with_no_break_spaces_and_hyphens_matches(string text) =>
        Assert.Single(Matcher(phones: new[] { "+45 20 12 34 56" }).Match(text));

    [Theory]
    [InlineData("CPR 010190\u20111230")]
    [InlineData("CPR 010190\u202f1230")]
    public void A_national_id_written_with_a_non_breaking_hyphen_or_narrow_space_matches(string text) =>
        Assert.Single(Matcher(ids: new[] { "DK_CPR:010190-1230" }).Match(text));

    [Theory]
    [InlineData("Jan vdd Berg")]
    [InlineData("Jan dv Berg")]
    [InlineData("Jan v/ Berg")]
    [InlineData("Jan de Berg")]
    public void Other_short_words_between_the_names_are_no_particles(string text) =>
        Assert.Empty(Matcher(names: new[] { "Jan van den Berg" }).Match(text));

    [Fact]
    public void A_name_is_found_whatever_stands_around_it()
    {
        var matcher = Matcher(names: new[] { "Søren Aabye Østergaard" });
        string filler = string.Concat(Enumerable.Repeat("Some other words about Sören and Østerbro. ", 2_000));
        string text = filler + "Østergaard, Søren Aabye. " + filler + "Soeren A. Oestergaard";
        var matches = matcher.Match(text);
        Assert.Equal(new[] { filler.Length, text.Length - "Soeren A. Oestergaard".Length }, matches.Select(m => m.Start).ToArray());
        Assert.Equal("Østergaard, Søren Aabye".Length, matches[0].Length);
    }

    [Fact]
    public void A_word_of_a_million_letters_is_turned_down_without_trouble()
    {
        string giant = "Soren" + new string('x', 1_000_000);
        Assert.Empty(Matcher(names: new[] { "Søren Østergaard" }).Match(giant + " Østergaard"));
        Assert.Single(Matcher(names: new[] { "Søren Østergaard" }).Match(giant + " Søren Østergaard"));
    }

    [Theory]
    [InlineData("S. Østergaard")]
    [InlineData("S Østergaard")]
    [InlineData("Østergaard, S.")]
    public void Initials_match_when_allowed_and_are_flagged(string text)
    {
        var match = Assert.Single(Matcher(names: new[] { "Søren Østergaard" }, initials: true).Match(text));
        Assert.True(match.ByInitials);
    }

    [Fact]
    public void Hyphenated_first_names_match_with_hyphen_or_space()
    {
        var matcher = Matcher(names: new[] { "Anne-Marie de Vries" });
        Assert.Single(matcher.Match("Anne-Marie de Vries"));
        Assert.Single(matcher.Match("Anne Marie de Vries"));
        Assert.Single(matcher.Match("de Vries, Anne-Marie"));
    }

    [Theory]
    [InlineData("CPR 010190-1234.")]
    [InlineData("cpr: 0101901234")]
    [InlineData("0101 90 1234")]
    [InlineData("010190.1234")]
    [InlineData("010190/1234")]
    public void Cpr_matches_with_any_separators(string text)
    {
        Assert.Equal(new[] { IdentifierKind.DK_CPR }, Kinds(Matcher(ids: new[] { "010190-1234" }), text));
    }

    [Theory]
    [InlineData("20101901234")]
    [InlineData("01019012345")]
    [InlineData("010190-1234-5")]
    [InlineData("9-010190-1234")]
    [InlineData("A0101901234")]
    public void Cpr_inside_a_longer_number_does_not_match(string text)
    {
        Assert.Empty(Matcher(ids: new[] { "010190-1234" }).Match(text));
    }

    [Fact]
    public void Legacy_bsn_matches_with_and_without_its_leading_zero()
    {
        var matcher = Matcher(ids: new[] { "NL_BSN:012345672" });
        Assert.Single(matcher.Match("BSN 0123.45.672"));
        Assert.Single(matcher.Match("sofinummer 12345672"));
    }

    [Fact]
    public void Nino_matches_spaced_and_lower_case()
    {
        var matcher = Matcher(ids: new[] { "AB123456C" });
        Assert.Single(matcher.Match("NI number: ab 12 34 56 c"));
        Assert.Empty(matcher.Match("XAB123456C"));
    }

    [Fact]
    public void Other_ids_respect_boundaries()
    {
        var matcher = Matcher(other: new[] { "CUST-10023" });
        Assert.Single(matcher.Match("customer CUST-10023 called"));
        Assert.Single(matcher.Match("cust 10023"));
        Assert.Empty(matcher.Match("CUST-100235"));
    }

    [Fact]
    public void Iban_other_id_counts_as_iban_category()
    {
        var match = Assert.Single(Matcher(other: new[] { "NL91 ABNA 0417 1643 00" }).Match("rekening NL91ABNA0417164300"));
        Assert.Equal("IBAN", match.Category);
        Assert.Equal("NL** **** **** **** 00", match.Masked);
    }

    [Theory]
    [InlineData("+45 20 12 34 56")]
    [InlineData("+4520123456")]
    [InlineData("0045 2012 3456")]
    [InlineData("20 12 34 56")]
    [InlineData("20123456")]
    [InlineData("tlf. (+45) 20-12-34-56")]
    public void Danish_phone_matches_in_every_format(string text)
    {
        var match = Assert.Single(Matcher(phones: new[] { "+45 20 12 34 56" }).Match("Ring " + text + " i dag"));
        Assert.Equal(IdentifierKind.Phone, match.Kind);
        Assert.Equal("PHONE", match.Category);
    }

    [Theory]
    [InlineData("06-12345678")]
    [InlineData("+31 6 1234 5678")]
    [InlineData("0031612345678")]
    [InlineData("(06) 12 34 56 78")]
    [InlineData("(06)-12345678")]
    public void Dutch_mobile_matches_with_trunk_or_country_prefix(string text)
    {
        Assert.Single(Matcher(phones: new[] { "+31 6 12345678" }).Match("bel " + text));
    }

    [Theory]
    [InlineData("Tel. (020) 123 4567")] // an area code in brackets
    [InlineData("Tel. (020)1234567")]
    [InlineData("Tel. +31 (0)20 123 4567")] // the trunk prefix in brackets after the country code
    [InlineData("Tel. +31 (0) 20-1234567")]
    [InlineData("Tel. (020)-1234567")]
    [InlineData("Tel. 020 - 123 4567")] // a spaced hyphen after the area code
    public void A_landline_matches_with_its_area_code_in_brackets(string text)
    {
        var match = Assert.Single(Matcher(phones: new[] { "+31 20 123 4567" }).Match(text));
        Assert.Equal(text.IndexOf("4567", StringComparison.Ordinal) + 4, match.Start + match.Length);
    }

    [Theory]
    [InlineData("+46 20 12 34 56")] // the same digits in Sweden
    [InlineData("20 12 34 56 78")] // a longer number
    [InlineData("order 120123456")]
    [InlineData("920123456")]
    [InlineData("(020) 12 34 56")] // an Amsterdam number with the same digits
    public void Phone_digits_inside_other_numbers_do_not_match(string text)
    {
        Assert.Empty(Matcher(phones: new[] { "+45 20 12 34 56" }).Match(text));
    }

    [Fact]
    public void Masked_values_never_contain_the_identifier()
    {
        var matcher = Matcher(names: new[] { "Søren Østergaard" }, emails: new[] { "soeren@nordlys.example" }, phones: new[] { "+4520123456" }, ids: new[] { "0101901234" });
        var matches = matcher.Match("Søren Østergaard soeren@nordlys.example, +45 20 12 34 56, 010190-1234");
        Assert.Equal(4, matches.Count);
        foreach (var match in matches)
        {
            Assert.DoesNotContain("soeren@", match.Masked, System.StringComparison.Ordinal);
            Assert.DoesNotContain("1234", match.Masked, System.StringComparison.Ordinal);
            Assert.DoesNotContain("ren", match.Masked, System.StringComparison.Ordinal);
            Assert.DoesNotContain("20123456", match.Masked, System.StringComparison.Ordinal);
        }
    }

    /// <summary>The one match of <paramref name="profileName"/> in <paramref name="text"/> is <paramref name="name"/> where it stands.</summary>
    private static void MatchesOnce(string profileName, string text, string name)
    {
        var match = Assert.Single(Matcher(names: new[] { profileName }).Match(text));
        Assert.Equal((text.IndexOf(name, StringComparison.Ordinal), name.Length), (match.Start, match.Length));
    }
}
