using System.Linq;
using GdprOps.Export;
using GdprOps.Model;
using Xunit;

namespace GdprOps.Tests.Export;

public sealed class FindingMeasurerTests
{
    private static PersonalDataMeasure[] Measure(params Finding[] findings)
    {
        var measurer = new FindingMeasurer(byLocation: false);
        foreach (var finding in findings)
        {
            measurer.Add(finding);
        }

        return measurer.Results().ToArray();
    }

    private static int MatchesOf(PersonalDataMeasure[] measures, string category) => measures.Single(m => m.Category == category).Matches;

    [Fact]
    public void Each_category_counts_its_own_matches_not_the_items_total()
    {
        var measures = Measure(
            new Finding { Source = "/srv", ItemId = "a", Categories = "EMAIL;PHONE", CategoryMatches = "EMAIL:3;PHONE:1", MatchCount = 4, Confidence = Confidence.High },
            new Finding { Source = "/srv", ItemId = "b", Categories = "EMAIL", CategoryMatches = "EMAIL:2", MatchCount = 2, Confidence = Confidence.High });

        Assert.Equal(5, MatchesOf(measures, "EMAIL"));
        Assert.Equal(1, MatchesOf(measures, "PHONE"));
        Assert.Equal(2, measures.Single(m => m.Category == "EMAIL").Items);
    }

    [Fact]
    public void A_row_from_an_older_report_is_split_by_its_evidence()
    {
        var old = new Finding
        {
            Source = "/srv", ItemId = "a", Categories = "EMAIL;PHONE;ART9_HEALTH", MatchCount = 5, Confidence = Confidence.Medium,
            Evidence = "Body EMAIL: s***@nordlys.example x2; Body PHONE: +45******56; Body ART9_HEALTH: 2 terms",
        };
        var single = new Finding { Source = "/srv", ItemId = "b", Categories = "IBAN", MatchCount = 3, Confidence = Confidence.High };

        var measures = Measure(old, single);

        Assert.Equal((2, 1, 2, 3), (MatchesOf(measures, "EMAIL"), MatchesOf(measures, "PHONE"), MatchesOf(measures, "ART9_HEALTH"), MatchesOf(measures, "IBAN")));
    }

    [Fact]
    public void A_name_only_subject_finding_counts_its_matches_under_SUBJECT_and_unread_items_count_none()
    {
        var measures = Measure(
            new Finding { Source = "/srv", ItemId = "a", SubjectMatches = "Name", MatchCount = 2, Confidence = Confidence.Low },
            new Finding { Source = "/srv", ItemId = "b", Status = ScanStatus.NotScanned });

        Assert.Equal(2, MatchesOf(measures, "SUBJECT"));
        Assert.Equal(0, MatchesOf(measures, FindingMeasurer.NotScannedCategory));
    }
}
