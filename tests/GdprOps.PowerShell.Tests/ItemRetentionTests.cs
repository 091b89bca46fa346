using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using GdprOps.Tests.Shared;
using Xunit;

namespace GdprOps.PowerShell.Tests;

public class ItemRetentionTests
{
    private const string Policy = """
        {
          "version": 1,
          "itemRules": [
            { "name": "Applications", "scope": "share", "dateProperty": "Modified", "olderThan": "1y", "action": "Delete", "legalBasis": "Recruitment policy 3" },
            { "name": "Consent withdrawn", "scope": "blob", "dateMetadata": "ConsentWithdrawn", "olderThan": "2y", "action": "Purge", "legalBasis": "GDPR Art. 7(3)" }
          ]
        }
        """;

    [Fact]
    public void A_share_is_judged_by_the_share_rules_and_the_rule_without_a_source_is_named()
    {
        using var dir = new TempFolder();
        string policy = dir.File("retention.json", Policy);
        File.SetLastWriteTimeUtc(dir.File("share/cv-2023.txt", "cv"), new DateTime(2023, 5, 1, 0, 0, 0, DateTimeKind.Utc));
        File.SetLastWriteTimeUtc(dir.File("share/cv-2026.txt", "cv"), new DateTime(2026, 9, 1, 0, 0, 0, DateTimeKind.Utc));

        var result = Ps.Run($"Test-ItemRetention -Policy '{policy}' -Path '{Path.Combine(dir.Path, "share")}' -AsOf ([datetime]'2026-11-23') -Detailed");

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        PSObject[] Of(string type) => result.Output.Where(o => o.TypeNames[0] == "GdprOps." + type).ToArray();
        object Prop(PSObject o, string name) => o.Properties[name].Value;
        var row = Assert.Single(Of("ItemRetentionResult"));
        Assert.Equal(("Applications", 2, 1), ((string)Prop(row, "Rule"), (int)Prop(row, "Items"), (int)Prop(row, "Violations")));
        Assert.Equal("cv-2023.txt", Prop(Assert.Single(Of("ItemRetentionViolation")), "ItemName"));
        var summary = Assert.Single(Of("ItemRetentionSummary"));
        Assert.Equal((2, 1, 1), ((int)Prop(summary, "ItemsChecked"), (int)Prop(summary, "Violations"), (int)Prop(summary, "SourcesChecked")));
        Assert.Contains(result.Warnings, w => w.Contains("'Consent withdrawn' (scope blob) was not applied", StringComparison.Ordinal));
    }

    [Fact]
    public void Invoke_deletes_nothing_with_WhatIf_and_the_old_files_with_Force_audited()
    {
        using var dir = new TempFolder();
        string policy = dir.File("retention.json", """
            { "itemRules": [
                { "name": "Applications", "scope": "share", "dateProperty": "Modified", "olderThan": "1y", "legalBasis": "Recruitment policy 3" },
                { "name": "Filed away", "scope": "share", "dateProperty": "Created", "olderThan": "1y", "action": "Move", "destination": "archive", "legalBasis": "x" } ] }
            """);
        string share = Path.Combine(dir.Path, "share");
        File.SetLastWriteTimeUtc(dir.File("share/cv-2023.txt", "cv"), new DateTime(2023, 5, 1, 0, 0, 0, DateTimeKind.Utc));
        dir.File("share/cv-2026.txt", "cv");
        string audit = Path.Combine(dir.Path, "audit.log");
        string call = $"Invoke-ItemRetention -Policy '{policy}' -Path '{share}' -AsOf ([datetime]'2026-11-23') -AuditLogPath '{audit}'";

        var whatIf = Ps.Run(call + " -WhatIf");
        Assert.Null(whatIf.Terminating);
        Assert.Equal(2, Directory.GetFiles(share).Length);
        Assert.False(File.Exists(audit));

        var done = Ps.Run(call + " -Force");
        Assert.Null(done.Terminating);
        Assert.Empty(done.Errors);
        Assert.Equal(new[] { "cv-2026.txt" }, Directory.GetFiles(share).Select(Path.GetFileName).ToArray());
        var removal = Assert.Single(done.Output, o => o.TypeNames[0] == "GdprOps.RemovalResult");
        Assert.Equal("Removed", removal.Properties["Outcome"].Value);
        var batch = Assert.Single(done.Output, o => o.TypeNames[0] == "GdprOps.ItemRetentionEnforcementResult");
        Assert.Equal(1, (int)batch.Properties["Acted"].Value);
        Assert.Contains(done.Warnings, w => w.Contains("'Filed away': Move is for mailbox rules", StringComparison.Ordinal));
        // The batch's intent, written before anything was deleted, then its outcome.
        var lines = File.ReadAllLines(audit).Skip(1).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Contains("\"outcome\":\"Intended\"", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"outcome\":\"Succeeded\"", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Calls_that_cannot_work_stop_with_a_clear_error()
    {
        using var dir = new TempFolder();
        string policy = dir.File("retention.json", Policy);
        string mailOnly = dir.File("mail.json", """{ "mailboxRules": [ { "name": "Six months", "olderThan": "6mo", "legalBasis": "Policy 4.2" } ] }""");
        string broken = dir.File("broken.json", """{ "itemRules": [ { "name": "x", "scope": "tape", "olderThan": "1y", "legalBasis": "y", "dateProperty": "Created" } ] }""");

        Assert.StartsWith("InvalidArgument,", Ps.Run($"try {{ Test-ItemRetention -Policy '{policy}' }} catch {{ $_ }}").Caught().FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.StartsWith("InvalidArgument,", Ps.Run($"try {{ Test-ItemRetention -Policy '{mailOnly}' -Path '{dir.Path}' }} catch {{ $_ }}").Caught().FullyQualifiedErrorId, StringComparison.Ordinal);
        var invalid = Ps.Run($"try {{ Test-ItemRetention -Policy '{broken}' -Path '{dir.Path}' }} catch {{ $_ }}").Caught();
        Assert.StartsWith("RetentionPolicyInvalid,", invalid.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("scope must be drive, share or blob", invalid.Exception.Message, StringComparison.Ordinal);
        Assert.StartsWith("NotConnected,", Ps.Run($"try {{ Test-ItemRetention -Policy '{policy}' -Site https://contoso.sharepoint.com/sites/hr }} catch {{ $_ }}").Caught().FullyQualifiedErrorId, StringComparison.Ordinal);
    }
}
