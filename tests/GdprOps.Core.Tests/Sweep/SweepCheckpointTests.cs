using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using GdprOps.Model;
using GdprOps.Sweep;
using GdprOps.Tests.Shared;
using Xunit;

namespace GdprOps.Tests.Sweep;

public sealed class SweepCheckpointTests
{
    private static Finding Sample() => new()
    {
        SourceKind = SourceKind.FileShare, Source = "/srv", Location = "HR", ItemId = "/srv/HR/a.txt", ItemName = "a.txt",
        Categories = "EMAIL;PHONE", Confidence = Confidence.High, MatchCount = 4, CategoryMatches = "EMAIL:3;PHONE:1",
        Evidence = "Body EMAIL: s***@nordlys.example x3; Body PHONE: +45******56", Where = "Body", Status = ScanStatus.Scanned,
    };

    [Fact]
    public void A_finding_comes_back_whole_with_its_per_category_counts()
    {
        using var dir = new TempFolder();
        string path = Path.Combine(dir.Path, "run.checkpoint");
        SweepCheckpoint.Open(path).MarkDone("share:/srv", new[] { Sample() });

        var again = Assert.Single(SweepCheckpoint.Open(path).FindingsOf("share:/srv")!);

        Assert.Equal(("EMAIL:3;PHONE:1", "Body", ScanStatus.Scanned, 4), (again.CategoryMatches, again.Where, again.Status, again.MatchCount));
    }

    [Fact]
    public void A_version_2_checkpoint_resumes_with_its_columns_where_they_were_and_stays_readable()
    {
        using var dir = new TempFolder();
        string path = Path.Combine(dir.Path, "old.checkpoint");
        // Version 2 rows had no CategoryMatches: Evidence came right after MatchCount.
        var v2Row = new[]
        {
            "FileShare", "/srv", "HR", "/srv/HR/old.txt", "old.txt", "", null, null, null, null, null, null,
            "", "EMAIL", "High", "2", "Body EMAIL: s***@nordlys.example x2", "Body", "Scanned", null, null,
        };
        string encoded = Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new[] { v2Row }));
        File.WriteAllText(path, "# GdprOps sweep checkpoint v2\nshare:/old\t" + encoded + "\t.\n", new UTF8Encoding(false));

        var checkpoint = SweepCheckpoint.Open(path);
        var old = Assert.Single(checkpoint.FindingsOf("share:/old")!);
        Assert.Equal(("Body EMAIL: s***@nordlys.example x2", "Body", ScanStatus.Scanned, string.Empty), (old.Evidence, old.Where, old.Status, old.CategoryMatches));

        // Resumed: the new source is written in the file's own layout and reads back as written.
        checkpoint.MarkDone("share:/srv", new[] { Sample() });
        var reopened = SweepCheckpoint.Open(path);
        Assert.Equal(("Body", ScanStatus.Scanned), (reopened.FindingsOf("share:/srv")!.Single().Where, reopened.FindingsOf("share:/srv")!.Single().Status));
        Assert.Equal("old.txt", reopened.FindingsOf("share:/old")!.Single().ItemName);
    }
}
