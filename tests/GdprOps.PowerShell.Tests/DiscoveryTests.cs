using System;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace GdprOps.PowerShell.Tests;

public class DiscoveryTests
{
    private static string Prop(PSObject o, string name) => o.Properties[name].Value?.ToString() ?? string.Empty;

    [Fact]
    public void Discover_reports_categories_whoever_the_data_is_about()
    {
        var result = Ps.Run("Find-PersonalData -Path ./samples/share -Discover -WarningAction SilentlyContinue");
        Assert.Null(result.Terminating);
        var byName = result.Output.ToDictionary(o => Prop(o, "ItemName"), StringComparer.Ordinal);
        Assert.Equal("DK_CPR;EMAIL", Prop(byName["employment-contract-0042.txt"], "Categories"));
        Assert.Equal("EMAIL;IP_ADDRESS", Prop(byName["access-2026-11.log"], "Categories"));
        Assert.All(result.Output, o => Assert.Equal(string.Empty, Prop(o, "SubjectMatches")));
        Assert.All(result.Output, o => Assert.DoesNotContain("oestergaard@", Prop(o, "Evidence"), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Category_and_minimum_confidence_narrow_discovery()
    {
        var result = Ps.Run("Find-PersonalData -Path ./samples/share -Discover -Category DK_CPR -MinimumConfidence High");
        var finding = Assert.Single(result.Output);
        Assert.Equal("DK_CPR", Prop(finding, "Categories"));
        Assert.Equal("High", Prop(finding, "Confidence"));
    }

    [Fact]
    public void An_unknown_category_is_a_terminating_error_listing_the_valid_ids()
    {
        var result = Ps.Run("try { Find-PersonalData -Path ./samples/share -Discover -Category IBAN, US_SSN } catch { $_ }");
        var record = result.Caught();
        Assert.Equal("UnknownCategory,GdprOps.PowerShell.Commands.FindPersonalDataCommand", record.FullyQualifiedErrorId);
        Assert.Contains("US_SSN", record.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("ART9_HEALTH", record.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_subject_finding_also_shows_the_special_categories_of_the_item()
    {
        var result = Ps.Run("New-SubjectProfile -Path ./samples/subject.json | Find-PersonalData -Path ./samples/share -Include *.csv");
        var sickList = Assert.Single(result.Output);
        Assert.Equal("Name", Prop(sickList, "SubjectMatches"));
        Assert.Equal("ART9_HEALTH", Prop(sickList, "Categories"));
    }

    [Fact]
    public void Categories_tab_complete()
    {
        var result = Ps.Run("(TabExpansion2 -inputScript 'Find-PersonalData -Discover -Category ART9_H' -cursorColumn 43).CompletionMatches | ForEach-Object { $_.CompletionText }");
        Assert.Equal(new[] { "ART9_HEALTH" }, result.Output.Select(o => o.ToString()));
    }
}

public class BudgetParameterTests
{
    [Fact]
    public void MaxNestingDepth_reaches_the_engine_and_marks_the_item_partial()
    {
        using var dir = new GdprOps.Tests.Shared.TempFolder();
        string zip = System.IO.Path.Combine(dir.Path, "backup.zip");
        using (var archive = System.IO.Compression.ZipFile.Open(zip, System.IO.Compression.ZipArchiveMode.Create))
        using (var writer = new System.IO.StreamWriter(archive.CreateEntry("notes.txt").Open()))
        {
            writer.Write("anna@fjord.example");
        }

        var deep = Ps.Run("Find-PersonalData -Path $p -Email anna@fjord.example", new System.Collections.Generic.Dictionary<string, object?> { ["p"] = dir.Path });
        var found = Assert.Single(deep.Output);
        Assert.Equal("Scanned", found.Properties["Status"].Value!.ToString());
        Assert.Equal("Archive:notes.txt", found.Properties["Where"].Value!.ToString());

        var shallow = Ps.Run("Find-PersonalData -Path $p -Email anna@fjord.example -MaxNestingDepth 0", new System.Collections.Generic.Dictionary<string, object?> { ["p"] = dir.Path });
        var partial = Assert.Single(shallow.Output);
        Assert.Equal("Partial", partial.Properties["Status"].Value!.ToString());
        Assert.Contains("nested deeper than 0 levels", partial.Properties["StatusReason"].Value!.ToString(), System.StringComparison.Ordinal);
    }
}

public class MeasureTests
{
    [Fact]
    public void Counts_per_category_and_location_with_not_scanned_kept()
    {
        var result = Ps.Run("Find-PersonalData -Path ./samples/share -Discover -IncludeUnscanned | Measure-PersonalData");
        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        var rows = result.Output.Select(o => (Category: o.Properties["Category"].Value!.ToString(), Location: o.Properties["Location"].Value!.ToString()!.Replace('\\', '/'), Items: (int)o.Properties["Items"].Value!)).ToList();
        Assert.Contains(("EMAIL", "Support", 1), rows);
        Assert.Contains(("DK_CPR", "HR/Personnel", 1), rows);
        Assert.Equal(5, rows.Where(r => r.Category == "EMAIL").Sum(r => r.Items));
        Assert.Equal("DK_CPR", rows[0].Category);
    }

    [Fact]
    public void By_source_totals_and_scalar_output()
    {
        var result = Ps.Run("Find-PersonalData -Path ./samples/share -Discover | Measure-PersonalData -By Source");
        var email = Assert.Single(result.Output, o => o.Properties["Category"].Value!.ToString() == "EMAIL");
        Assert.Equal(5, (int)email.Properties["Items"].Value!);
        Assert.Equal(string.Empty, email.Properties["Location"].Value);
        Assert.All(result.Output.SelectMany(o => o.Properties), p => Assert.True(p.Value is null or string or int or Enum, p.Name));

        // Each category counts its own matches: together they are the findings' matches, not a multiple of them.
        var findings = Ps.Run("Find-PersonalData -Path ./samples/share -Discover").Output;
        Assert.Equal(findings.Sum(f => (int)f.Properties["MatchCount"].Value!), result.Output.Sum(o => (int)o.Properties["Matches"].Value!));
        Assert.Contains(findings, f => ((string)f.Properties["Categories"].Value!).Contains(';', StringComparison.Ordinal));
    }
}
