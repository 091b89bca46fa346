using System.Collections.Generic;
using System.Linq;
using GdprOps.Detection;
using GdprOps.Detection.Discovery;
using Xunit;

namespace GdprOps.Tests.Detection.Discovery;

/// <summary>
/// Edges of the special-category pass at the default confidence, each about a person the note names: the name of a party or
/// a union after a word of membership or activity ("aktiv i Enhedslisten", "lid van de VVD", "joined the GMB") is the
/// person's, where the name alone is news; a state after a copula ("er blind") is the person's, unless a figure of speech
/// ("blind to the risks"); an origin after a capitalised adjective ("of Polish origin") is, "of unknown origin" is not; a
/// place of worship after a verb of going there ("goes to the gurdwara") is, one walked past or a hall is not; and a
/// capitalised term in an organisation's name ("Cancer Research UK") is the charity, not the person's health.
/// </summary>
public sealed class TermContextTests
{
    [Theory]
    [InlineData("Hun er aktiv i Enhedslisten.", DetectorIds.Political, true)]
    [InlineData("Mevrouw Yilmaz is actief in GroenLinks.", DetectorIds.Political, true)]
    [InlineData("Ahmed is actief bij de FNV.", DetectorIds.TradeUnion, true)]
    [InlineData("Han er medlem af HK.", DetectorIds.TradeUnion, true)]
    [InlineData("Sam joined the GMB last year.", DetectorIds.TradeUnion, true)]
    [InlineData("Priya asked for her Unite rep to join the call.", DetectorIds.TradeUnion, true)] // a name before a word of a member
    [InlineData("Bo er 3F-medlem.", DetectorIds.TradeUnion, true)]
    [InlineData("Kontingent til Dansk Metal trækkes over lønnen for Bo.", DetectorIds.TradeUnion, true)]
    [InlineData("Priya said Unite members voted on the deal.", DetectorIds.TradeUnion, true)] // members of one union, with her among them or not: a reviewer reads it
    [InlineData("Priya read that Unite has a new logo.", DetectorIds.TradeUnion, false)] // a name alone
    [InlineData("Mr Jones stood for Reform UK in May.", DetectorIds.Political, true)] // a phrase names its own next word
    [InlineData("Mr Jones read that Reform UK gained seats.", DetectorIds.Political, false)] // a name alone is news
    [InlineData("Jens læste, at Enhedslisten vandt i Aarhus.", DetectorIds.Political, false)]
    [InlineData("Jens er aktiv i fodboldklubben og medlem af bestyrelsen.", DetectorIds.Political, false)]
    [InlineData("Piet zag de FNV op het nieuws.", DetectorIds.TradeUnion, false)]
    [InlineData("Hun har meldt sig ind i FOA.", DetectorIds.TradeUnion, true)]
    [InlineData("Han er formand for Venstres lokalafdeling.", DetectorIds.Political, true)]
    [InlineData("Fru Jensen er blind og har en førerhund.", DetectorIds.Health, true)] // a state after a copula
    [InlineData("Koen is doof en gebruikt gebarentaal.", DetectorIds.Health, true)]
    [InlineData("Mr Hale is blind to the risks of the plan.", DetectorIds.Health, false)] // a figure of speech
    [InlineData("Jens siger, at det er blind vej.", DetectorIds.Health, false)]
    [InlineData("Hij is doof voor kritiek.", DetectorIds.Health, false)]
    [InlineData("He is of Polish origin.", DetectorIds.EthnicOrigin, true)] // an origin after a capitalised adjective
    [InlineData("Mevrouw Nguyen heeft een Vietnamese achtergrond.", DetectorIds.EthnicOrigin, true)]
    [InlineData("Tom opened a parcel of unknown origin.", DetectorIds.EthnicOrigin, false)]
    [InlineData("Piet heeft een technische achtergrond.", DetectorIds.EthnicOrigin, false)]
    [InlineData("Meneer Van Dam is PVV-stemmer.", DetectorIds.Political, true)]
    [InlineData("Jens siger, at SF stemmer for forslaget.", DetectorIds.Political, false)] // the party votes; only "SF-stemmer" is a voter
    [InlineData("Han er organiseret i 3F.", DetectorIds.TradeUnion, true)]
    [InlineData("Gurpreet goes to the gurdwara every Sunday.", DetectorIds.Religion, true)] // a place of worship after going there
    [InlineData("Hij bezoekt elke vrijdag de moskee.", DetectorIds.Religion, true)]
    [InlineData("Hun går i kirke hver søndag.", DetectorIds.Religion, true)]
    [InlineData("Tom walks past the mosque on his way to work.", DetectorIds.Religion, false)]
    [InlineData("Emre heeft de moskee geholpen met de website.", DetectorIds.Religion, false)]
    [InlineData("Tom goes to church hall meetings for the book club.", DetectorIds.Religion, false)]
    [InlineData("Mrs Patel volunteers at the Cancer Research UK shop.", DetectorIds.Health, false)]
    [InlineData("Mr Jones gave his bonus to Macmillan Cancer Support.", DetectorIds.Health, false)]
    [InlineData("Mr Jones walked for Alzheimer's Society and Diabetes UK.", DetectorIds.Health, false)]
    [InlineData("Jens samler ind til Kræftens Bekæmpelse.", DetectorIds.Health, false)]
    [InlineData("Dhr. Bakker collecteert voor het Diabetes Fonds.", DetectorIds.Health, false)]
    [InlineData("Mrs Patel has cancer.", DetectorIds.Health, true)]
    [InlineData("Mrs Patel: Cancer, diagnosed in 2019.", DetectorIds.Health, true)] // a capital, but no organisation after it
    [InlineData("Mr Jones has Diabetes Type 2.", DetectorIds.Health, true)]
    public void A_category_is_found_where_the_note_names_it_about_the_person(string text, string category, bool found) =>
        Assert.Equal(found, AccuracyTests.Predict(new DiscoveryScanner(), text).Contains(category));

    /// <summary>A phrase of the lexicon names its own next word: "Reform UK" is the party, not a reform of an organisation "UK".</summary>
    [Fact]
    public void A_phrase_that_ends_with_an_organisation_word_is_kept()
    {
        var hits = new List<(string Category, string Term, int Start, bool Weak)>();
        new DiscoveryScanner().ScanSpecialCategories("Mr Jones stood for Reform UK in May.", hits);
        Assert.Contains(hits, h => h.Category == DetectorIds.Political && h.Term == "reform uk");
    }
}
