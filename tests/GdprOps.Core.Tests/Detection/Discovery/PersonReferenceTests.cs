using System;
using System.Collections.Generic;
using System.Linq;
using GdprOps.Detection.Discovery;
using Xunit;

namespace GdprOps.Tests.Detection.Discovery;

/// <summary>
/// The references to a person that make a special-category term about someone (DiscoveryScanner.ScanPersonReferences):
/// each case names the words found to refer to a person, so every kind of word the scan knows (title, pronoun, role,
/// personal document, name pair with particles, possessive, first name before a verb) and every kind it must pass over
/// (organisations, places, sentence openers, particles) is held to its meaning.
/// </summary>
public sealed class PersonReferenceTests
{
    [Theory]
    [InlineData("The employee is on sick leave.", "employee")]
    [InlineData("Medarbejderen er sygemeldt.", "Medarbejderen")]
    [InlineData("De huurders klagen.", "huurders")]
    [InlineData("The employer's policy applies.", "")]
    [InlineData("hun er sygemeldt", "hun")]
    [InlineData("Hij heeft een ziekmelding.", "Hij")]
    [InlineData("Hij en zijn vrouw", "Hij zijn")] // the possessive
    [InlineData("Pijnstillers zijn vanaf morgen in de aanbieding.", "")] // the verb "to be", not "his"
    [InlineData("De huisartsenposten zijn er 's nachts.", "")]
    [InlineData("Medewerkers die ziek zijn, melden dat.", "")]
    [InlineData("Ze zijn niet bereikbaar.", "")]
    [InlineData("mevrouw De Wit heeft een ziekmelding", "mevrouw")]
    [InlineData("Mr Jensen was off sick.", "Mr")]
    [InlineData("Lønsedlen for Jens Holm: sygedagpenge", "Lønsedlen Jens")]
    [InlineData("Notes on Jan de Vries, ziekteverzuim", "Jan")]
    [InlineData("Anna is pregnant.", "Anna")]
    [InlineData("Yesterday Anna is pregnant.", "Yesterday Anna")] // two capitals, and a given name
    [InlineData("Gary tested positive for covid.", "Gary")] // a given name before a verb no list names
    [InlineData("Kontingentet trækkes over lønnen for Bo.", "Bo")]
    [InlineData("In May the clinic moves.", "")] // a month, not a name
    [InlineData("Laboratoriet har svaret.", "")]
    [InlineData("Tom's sick note", "Tom")]
    [InlineData("Tom’s sick note", "Tom")] // Word's apostrophe
    [InlineData("Kontingent til 3F trækkes fra Jens' løn.", "Jens")]
    [InlineData("Stop the deduction from James' pay.", "James")]
    [InlineData("Niels’ ziekmelding", "Niels")]
    [InlineData("the 'Sales' team", "")]
    [InlineData("European Union members met.", "")]
    [InlineData("The Labour Party won the vote.", "")]
    [InlineData("Church Street is closed on Sunday.", "")]
    [InlineData("The Green Party and the Royal Hospital", "")]
    [InlineData("Patient files: the patients and their children", "Patient patients children")]
    // A plural role without a determiner is a group, no one in particular (a policy, a handbook, a privacy notice).
    [InlineData("We process health data about employees and contractors.", "")]
    [InlineData("Vi behandler helbredsoplysninger om medarbejdere og elever.", "")]
    [InlineData("Lejerne klager over naboen.", "Lejerne")] // the Danish article is the ending
    [InlineData("Wij verwerken gegevens van medewerkers en huurders.", "")]
    [InlineData("Deze huurders klagen, hun kinderen ook.", "huurders hun kinderen")]
    [InlineData("The tenants are lesbians.", "tenants")]
    [InlineData("Both applicants declined.", "applicants")]
    // A guide, a leaflet or a policy speaks to its reader and of anyone: "you", "an employee", "your employee", "een zieke
    // werknemer" are no one in particular, and what opens its sentences is no first name ("Du skal", "Sådan skal", "In Ontario").
    [InlineData("Du skal melde dig syg på første sygedag.", "")]
    [InlineData("Sådan skal du forholde dig. Hermed er den registreret.", "")]
    [InlineData("If an employee asks for leave, ask your employee what they need.", "")]
    [InlineData("En medarbejder kan bede om en samtale, et barn kan ikke.", "")]
    [InlineData("Als een zieke werknemer belt, vraag je werknemer om een verklaring.", "")]
    [InlineData("In Ontario, employers cannot ask for a note. Ook kan de gemeente helpen.", "")]
    [InlineData("The employee met an HR adviser.", "employee")] // "HR" is human resources, not the Danish title
    [InlineData("hr. Jensen er sygemeldt", "hr Jensen")]
    [InlineData("She received in-patient care.", "She")] // a compound, not a patient
    // Capitalised words that name an organisation, a law or a heading are no one's name: a run that ends with the word of a
    // team or a law, one of five words or more, or a heading above the next line.
    [InlineData("Under the Family Medical Leave Act you may take leave.", "")]
    [InlineData("Ask the Job Accommodation Network or the Patient Safety Team.", "")]
    [InlineData("How To Ask For Sick Leave", "")]
    [InlineData("Udmeldelse af Folkekirken\n\nØnsker du at melde dig ud", "")]
    [InlineData("Mr Hall is a councillor; Dr Anna Maria Holm Jensen too.", "Mr Dr Anna Maria")] // a title stays, a name of four words is a name
    [InlineData("Anne-Marie Jensen is off sick.", "Anne")]
    [InlineData("Ze heeft een depressie.", "Ze")] // "she"; "ze zijn" is "they are"
    [InlineData("Ze bidden vijf keer per dag.", "")] // "they": a verb in the plural ends in -en
    [InlineData("If the employee has a smartphone, they can punch in with the app.", "")] // a condition speaks of anyone
    [InlineData("She called. If she is still ill on Monday, she needs a note.", "She")] // to the end of its sentence
    [InlineData("Indien de werknemer ziek is, meldt hij dat voor negen uur.", "")]
    [InlineData("Als verpleegkundige heeft zij last van haar rug.", "zij haar")] // Dutch "als" is also "as"
    [InlineData("Hoewel er geen regels zijn, Omdat er vragen zijn.", "")] // a conjunction before "er" is no name before a verb
    [InlineData("Daarna heeft hij/zij recht op verlof, en he or she may ask; han eller hun kan spørge.", "")] // anyone
    [InlineData("Hij vroeg of zij kon komen.", "Hij zij")] // "of" is "whether" here: two people
    [InlineData("Ask the Disclosure and Barring Service or De Rechtbank Gelderland.", "")]
    // A passage that speaks to its reader more than of anyone else is a guide: its pronouns and roles are anyone.
    [InlineData("Hvis du er syg, skal du ringe. Din leder kan bede om en erklæring, og hun må ikke spørge om diagnosen.", "")]
    [InlineData("If you are ill, tell your manager; the employee does not have to give a diagnosis, you decide.", "")]
    [InlineData("Hun ringede i dag. Du skal ringe tilbage til hende, sagde hun.", "Hun hende hun")] // one "du" is no guide
    public void Finds_the_words_that_refer_to_a_person(string text, string expected)
    {
        var positions = new List<int>();
        DiscoveryScanner.ScanPersonReferences(text, 0, text.Length, positions);

        var words = positions.Distinct().OrderBy(p => p).Select(p => WordAt(text, p));
        Assert.Equal(expected, string.Join(" ", words));
    }

    [Fact]
    public void Reads_only_the_words_that_start_in_the_range_and_the_word_it_cuts()
    {
        const string Text = "She called. The tenant complained to him.";
        var positions = new List<int>();
        DiscoveryScanner.ScanPersonReferences(Text, Text.IndexOf("enant"), Text.IndexOf(" to"), positions);

        Assert.Equal(new[] { "tenant" }, positions.Select(p => WordAt(Text, p)));
    }

    /// <summary>The quick check in front of the lookups lets through every person word in any case, with the endings a role may take.</summary>
    [Fact]
    public void The_quick_check_passes_every_person_word_in_any_case()
    {
        var turnedAway = new List<string>();
        foreach (string word in PersonWords.AllWords.Where(w => !w.Contains(' ')))
        {
            var forms = new List<string> { word, word.ToUpperInvariant(), char.ToUpperInvariant(word[0]) + word.Substring(1) };
            if (PersonWords.IsRole(word.AsSpan()))
            {
                forms.AddRange(new[] { word + "en", word + "s", char.ToUpperInvariant(word[0]) + word.Substring(1) + "ne" });
            }

            foreach (string form in forms)
            {
                if (form.Length <= PersonWords.LongestWord && !PersonWords.MayBeAny(form.AsSpan()))
                {
                    turnedAway.Add(form);
                }
            }
        }

        Assert.Empty(turnedAway);
    }

    private static string WordAt(string text, int start)
    {
        int end = start;
        while (end < text.Length && char.IsLetter(text[end]))
        {
            end++;
        }

        return text.Substring(start, end - start);
    }
}
