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
