using System.Collections.Generic;
using System.Linq;
using GdprOps.Detection;
using GdprOps.Detection.Discovery;
using Xunit;

namespace GdprOps.Tests.Detection.Discovery;

/// <summary>
/// The clinical word forms (clinical-word-forms.tsv): health written as clinical language writes it, where no list of
/// conditions names it. The notes in Data/special-categories-clinical.tsv are asserted by InflectedTermTests; these assert
/// the quick check in front of the rules and the rules' edges.
/// </summary>
public sealed class ClinicalWordFormTests
{
    private static List<(string Category, string Term, int Start, bool Weak)> Scan(string text)
    {
        var hits = new List<(string Category, string Term, int Start, bool Weak)>();
        new DiscoveryScanner().ScanSpecialCategories(text, hits);
        return hits;
    }

    private static bool Health(string text) => Scan(text).Any(h => h.Category == DetectorIds.Health && !h.Weak);

    /// <summary>
    /// The quick check reads a word's last five letters as five bits each, hashed to one bit of a table. It must let every
    /// form through in any case, after any letters (an ending after a stem, a head after a part, outside ASCII too), or a
    /// rule would never be asked; and a form is then found where it stands.
    /// </summary>
    [Fact]
    public void Every_form_passes_the_quick_check_in_any_case_and_after_any_letters()
    {
        var forms = ClinicalWordForms.Forms().Where(f => f.Kind != "part").ToList();
        Assert.True(forms.Count > 300, "the rules were not read");
        foreach (var (kind, _, form) in forms)
        {
            // An ending is a word of its own only when it is longer than four letters ("sarcoma"): those are keyed as after letters.
            foreach (string word in new[] { kind == "ending" ? "abc" + form : form, "abc" + form, "øst" + form, "ABC" + form.ToUpperInvariant(), "Xæ" + form })
            {
                Assert.True(ClinicalWordForms.MayEnd(word, 0, word.Length), $"{kind} '{form}' turned away in '{word}'");
                Assert.True(ClinicalWordForms.MayEnd("x " + word + ".", 2, 2 + word.Length), $"{kind} '{form}' turned away inside a text");
            }
        }

        foreach (var (_, _, form) in forms.Where(f => f.Kind == "ending"))
        {
            var found = new List<SpecialCategoryLexicon.Term>();
            ClinicalWordForms.Find("Tom: SUB" + form.ToUpperInvariant(), 5, 8 + form.Length, found); // a heading in capitals too
            Assert.True(found.Count > 0 && found.All(t => t.Category == DetectorIds.Health && !t.Weak), $"'SUB{form}' names no condition");
        }
    }

    [Fact]
    public void The_quick_check_turns_away_most_words_of_ordinary_text()
    {
        string text = string.Join(" ", Enumerable.Repeat(
            "The delivery of the new printers was confirmed on Monday and the invoice is attached; please check the amounts before "
            + "Friday. Leveringen af printerne er bekræftet, og fakturaen er vedhæftet. De levering van de printers is bevestigd en de "
            + "factuur zit in de bijlage. Customer orders, shipments, meetings, reports and budgets are on the shared drive.", 20));
        int words = 0, passed = 0;
        for (int end = 0; TextTokens.NextWord(text, ref end, out int start);)
        {
            words++;
            passed += ClinicalWordForms.MayEnd(text, start, end) ? 1 : 0;
        }

        // Four of these 56 words end as a form does ("shipments", "replacements"; "printerne", "smerterne") or share a bit.
        Assert.True(passed * 10 < words, $"{passed} of {words} words let through");
    }

    /// <summary>
    /// A word the lexicon names keeps its entry as the term: "diagnosis" ends as a disease process does ("*osis") but is the
    /// entry "diagnos*", so a text with "diagnosed" and "diagnosis" has one distinct term, as before the rules (the bench's
    /// reports counted one term more in seven items until the rules ran after the lexicon).
    /// </summary>
    [Fact]
    public void A_word_the_lexicon_names_is_its_entry_not_a_second_term()
    {
        var hits = Scan("She was diagnosed in May; the diagnosis is in her file.");
        Assert.All(hits, h => Assert.Equal(DetectorIds.Health, h.Category));
        Assert.Equal(new[] { "diagnos*" }, hits.Select(h => h.Term).Distinct());
        Assert.Contains(Scan("Mr Hale has sarcoidosis."), h => h.Term == "*osis"); // no entry: the rule is the term
    }

    [Theory]
    [InlineData("Mr Hale has tonsillitis.", true)]
    [InlineData("Mr Hale has ketoacidosis.", true)]
    [InlineData("Mr Hale knows the daily dose, the dagsdosis.", false)]
    [InlineData("Mr Hale has otitis.", false)] // two letters before the ending: too short a stem to be sure ("closes" ends in "oses")
    [InlineData("Mr Hale has a sarcoma.", true)] // an ending that is a word of its own
    [InlineData("Mr Hale has an osteosarcoma.", true)]
    [InlineData("Mr Hale is a carrier of thalassaemia.", false)] // carried, not had: genetic data, not health
    [InlineData("Mr Hale has thalassaemia.", true)]
    [InlineData("Hun er anlægsbærer for seglcelleanæmi.", false)]
    [InlineData("Mr Hale has back pain.", true)]
    [InlineData("Mr Hale runs back operations.", false)] // an excepted pair: the back office
    [InlineData("Mr Hale has a backache.", true)]
    [InlineData("Mr Hale has a headache.", false)] // as often a problem as a pain
    [InlineData("Mr Hale broke his wrist.", true)]
    [InlineData("Mr Hale broke his record.", false)]
    [InlineData("Mr Hale broke her heart.", false)] // the heart takes no verbs
    [InlineData("Mr Hale twisted his arm.", false)] // persuaded
    [InlineData("Mr Hale pulled back.", false)]
    [InlineData("Hr. Hald har lårbensbrud.", true)] // a linking s between part and head
    [InlineData("Hr. Hald har kontraktbrud.", false)]
    [InlineData("Hr. Hald har alarmproblemer.", false)] // "arm" must be the whole first element
    [InlineData("Dhr. Hals heeft zijn enkel verstuikt.", true)] // part, then verb
    [InlineData("Dhr. Hals heeft zijn hoofd gebroken over de begroting.", false)]
    [InlineData("Dhr. Hals heeft afleverproblemen.", false)]
    [InlineData("Dhr. Hals heeft een heupbreuk.", true)]
    [InlineData("Mevrouw Hals heeft artrose in haar handen.", true)] // a Danish or Dutch '-ose' of a disease process
    [InlineData("Fru Hald har en buketrose på bordet.", false)] // not every '-ose': a rose, a sugar
    [InlineData("Mevrouw Hals drinkt dextrose.", false)]
    [InlineData("De ontsteking van zijn auto is kapot.", false)] // the word alone is a car's ignition
    [InlineData("Mr Hale fixed the ArmOperation retry.", false)] // a name in code, not a compound
    [InlineData("Mr Hale had keyhole surgery on his knee.", true)] // a head, a preposition, a possessive, a part
    [InlineData("Mr Hale has an injury to her shoulder.", true)]
    [InlineData("Mr Hale is a pain in the neck.", false)] // a nuisance: the English article is no possessive
    [InlineData("Mr Hale repaired the damage to his car.", false)]
    [InlineData("Hr. Hald har smerter i ryggen.", true)] // Danish names the part in its definite form
    [InlineData("Hr. Hald har problemer med leverandøren.", false)]
    [InlineData("Dhr. Hals heeft pijn in de rug.", true)]
    [InlineData("Dhr. Hals heeft een operatie aan zijn knie gehad.", true)]
    [InlineData("Dhr. Hals heeft problemen met de planning.", false)]
    [InlineData("MR HALE: TONSILLITIS.", true)]
    [InlineData("Mr Hale exposes it for two purposes.", false)] // "-oses" is no plural of "-osis" here
    [InlineData("Mr Hale is an academic.", false)]
    [InlineData("Hij heeft een blaasontsteking.", true)]
    [InlineData("Mr Hale had his appendix removed.", true)] // an organ and a removal verb it names
    [InlineData("Mr Hale said her gallbladder was removed in May.", true)] // an auxiliary between part and verb
    [InlineData("Mr Hale removed his hand from the table.", false)] // a hand names no removal
    [InlineData("Mr Hale has taken his appendix out of the report.", false)] // a document's appendix
    [InlineData("Mr Hale had the appendix removed from the contract.", false)] // the English article is no determiner
    [InlineData("Mr Hale had his leg amputated.", true)]
    [InlineData("Mr Hale said her wrist was broken.", true)]
    [InlineData("Mr Hale said his heart was broken.", false)] // the heart takes no verbs, an auxiliary or not
    [InlineData("Hr. Hald har fået fjernet galdeblæren.", true)]
    [InlineData("Hr. Hald har fjernet armen fra stolen.", false)]
    [InlineData("Hr. Hald har købt mandler og fjernet skallerne.", false)] // almonds
    [InlineData("Bij dhr. Hals is zijn blindedarm verwijderd.", true)]
    [InlineData("Dhr. Hals zegt dat haar galblaas is weggehaald.", true)]
    [InlineData("Dhr. Hals heeft zijn arm verwijderd van de tafel.", false)]
    public void A_rule_finds_health_only_in_its_clinical_sense(string text, bool found) =>
        Assert.Equal(found, Health(text));
}
