using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using GdprOps.Tests.Shared;
using Xunit;

namespace GdprOps.PowerShell.Tests;

public class FindPersonalDataTests
{
    private static readonly string[] Secrets = { "oestergaard@", "Søren", "Soeren", "Østergaard", "0101901234", "010190-1234", "20123456", "20 12 34 56", "CUST-10023" };

    private static Dictionary<string, object?> Vars(params (string Name, object? Value)[] pairs) => pairs.ToDictionary(p => p.Name, p => p.Value);

    private static string Prop(PSObject o, string name) => o.Properties[name].Value?.ToString() ?? string.Empty;

    [Fact]
    public void Profile_file_piped_into_the_sweep_finds_the_planted_items()
    {
        var result = Ps.Run("New-SubjectProfile -Path ./samples/subject.json | Find-PersonalData -Path ./samples/share");
        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        var items = result.Output.Select(o => Prop(o, "ItemId").Replace('\\', '/')).OrderBy(i => i, StringComparer.Ordinal).ToArray();
        Assert.Equal(new[]
        {
            "Finance/Søren Østergaard - invoice 2026-118.pdf", "HR/Personnel/employment-contract-0042.txt", "HR/sick-leave-2026.csv",
            "Marketing/newsletter-list.html", "Sales/crm-export.json", "Support/ticket-4711.eml",
        }, items);
        Assert.All(result.Output, o => Assert.Equal("GdprOps.Finding", o.TypeNames[0]));
        Assert.All(result.Output, o => Assert.Equal("DSAR-2026-0042", Prop(o, "CaseId")));
    }

    [Fact]
    public void Shards_split_a_share_by_its_top_level_folders_and_together_find_exactly_what_one_run_finds()
    {
        var result = Ps.Run("$p = New-SubjectProfile -Path ./samples/subject.json; "
            + "(@(Find-PersonalData -Path ./samples/share -Subject $p | ForEach-Object ItemId) -join '|'); "
            + "foreach ($k in 1..3) { @(Find-PersonalData -Path ./samples/share -Subject $p -Shard \"$k/3\" | ForEach-Object ItemId) -join '|' }");
        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        var lists = result.Output.Select(o => o.ToString().Split('|', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(4, lists.Count);
        var union = lists.Skip(1).SelectMany(l => l).ToList();
        Assert.Equal(lists[0].OrderBy(i => i, StringComparer.Ordinal), union.OrderBy(i => i, StringComparer.Ordinal)); // none lost, none twice
        Assert.Equal(6, union.Count);
        Assert.True(lists.Skip(1).Count(l => l.Length > 0) >= 2, "the work is split");

        var bad = Ps.Run("try { Find-PersonalData -Path ./samples/share -Email a@b.example -Shard 4/3 } catch { $_ }");
        Assert.Equal("InvalidArgument,GdprOps.PowerShell.Commands.FindPersonalDataCommand", bad.Caught().FullyQualifiedErrorId);
    }

    [Fact]
    public void Every_output_property_is_a_scalar()
    {
        var result = Ps.Run("New-SubjectProfile -Path ./samples/subject.json; Find-PersonalData -Path ./samples/share -Email soeren.oestergaard@nordlys.example -Name 'Søren Østergaard'");
        Assert.True(result.Output.Count > 1);
        foreach (var output in result.Output)
        {
            foreach (var property in output.Properties)
            {
                object? value = property.Value;
                Assert.True(value is null or string or int or long or bool or DateTimeOffset or Enum, output.TypeNames[0] + "." + property.Name + " is " + value?.GetType());
            }
        }
    }

    [Fact]
    public void Shortcuts_relative_paths_and_wildcards_resolve_against_the_powershell_location()
    {
        var result = Ps.Run("$ExecutionContext.SessionState.Path.SetLocation('./samples') | Out-Null; Find-PersonalData -Path ./sha* -Phone '+45 20 12 34 56' -CaseId C-7");
        Assert.Null(result.Terminating);
        var items = result.Output.Select(o => Path.GetFileName(Prop(o, "ItemId"))).OrderBy(i => i, StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "crm-export.json", "ticket-4711.eml" }, items);
        Assert.All(result.Output, o => Assert.Equal("C-7", Prop(o, "CaseId")));
        Assert.All(result.Output, o => Assert.Equal("Phone", Prop(o, "SubjectMatches").Split(';').Single()));
    }

    [Fact]
    public void A_missing_path_is_a_non_terminating_error_and_the_other_paths_are_swept()
    {
        var result = Ps.Run("Find-PersonalData -Path ./no-such-folder, ./samples/share -Email soeren.oestergaard@nordlys.example -ErrorAction Continue");
        Assert.Null(result.Terminating);
        var error = Assert.Single(result.Errors);
        Assert.Equal("PathNotFound,GdprOps.PowerShell.Commands.FindPersonalDataCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("./no-such-folder", error.TargetObject);
        Assert.Equal(4, result.Output.Count);
    }

    [Fact]
    public void Unreadable_items_are_item_errors_with_their_target_and_NotScanned_rows_of_the_output()
    {
        using var dir = new TempFolder();
        dir.File("ok.txt", "anna@fjord.example");
        // Tests may run as root, which ignores file modes; a dangling link is unreadable for every user.
        string broken = Path.Combine(dir.Path, "broken-link.txt");
        File.CreateSymbolicLink(broken, Path.Combine(dir.Path, "missing-target.txt"));
        var result = Ps.Run("Find-PersonalData -Path $p -Email anna@fjord.example", Vars(("p", dir.Path)));
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("FileNotFound,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(broken, error.TargetObject);
        Assert.Equal(new[] { "NotScanned:broken-link.txt", "Scanned:ok.txt" }, result.Output.Select(o => Prop(o, "Status") + ":" + Prop(o, "ItemId")).OrderBy(r => r, StringComparer.Ordinal));
        Assert.Equal("Not read: The file no longer exists (or is a link to nothing). (FileNotFound)", Prop(result.Output.Single(o => Prop(o, "Status") == "NotScanned"), "StatusReason"));
    }

    [Fact]
    public void No_personal_data_in_verbose_warning_progress_or_error_text()
    {
        var result = Ps.Run(
            "New-SubjectProfile -Path ./samples/subject.json | Find-PersonalData -Path ./samples/share, ./nothing-here -IncludeUnscanned -Verbose -ErrorAction Continue; " +
            "New-SubjectProfile -NationalId 123456789 -ErrorAction Continue");
        Assert.NotEmpty(result.Verbose);
        Assert.NotEmpty(result.Progress);
        Assert.Equal(2, result.Errors.Count);
        string text = result.AllText;
        foreach (string secret in Secrets.Append("123456789"))
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void An_ambiguous_national_id_is_a_terminating_error_with_a_stable_id()
    {
        var result = Ps.Run("try { Find-PersonalData -Path ./samples/share -NationalId 123456789 } catch { $_ }");
        var record = result.Caught();
        Assert.Equal("AmbiguousNationalId,GdprOps.PowerShell.Commands.FindPersonalDataCommand", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, record.CategoryInfo.Category);
        Assert.Single(result.Output);
    }

    [Fact]
    public void No_identifier_at_all_is_refused()
    {
        var result = Ps.Run("try { Find-PersonalData -Path ./samples/share } catch { $_ }");
        Assert.StartsWith("InvalidSubjectProfile,", result.Caught().FullyQualifiedErrorId, StringComparison.Ordinal);
    }

    [Fact]
    public void Subject_profile_displays_masked_and_keeps_values_in_properties()
    {
        var result = Ps.Run("New-SubjectProfile -Email Soeren.Oestergaard@nordlys.example -NationalId 010190-1234 -CaseId X-1");
        var profile = Assert.Single(result.Output);
        Assert.Equal("Soeren.Oestergaard@nordlys.example", Prop(profile, "Emails"));
        Assert.DoesNotContain("oestergaard", Prop(profile, "Masked"), StringComparison.Ordinal);
        Assert.Contains("010190-****", Prop(profile, "Masked"), StringComparison.Ordinal);
    }

    [Fact]
    public void Ctrl_c_stops_a_sweep_promptly_and_leaves_the_runspace_usable()
    {
        using var dir = new TempFolder();
        for (int i = 0; i < 3000; i++)
        {
            dir.File($"d{i % 30}/f{i}.txt", "anna@fjord.example " + new string('x', 2000));
        }

        using var runspace = System.Management.Automation.Runspaces.RunspaceFactory.CreateRunspace(System.Management.Automation.Runspaces.InitialSessionState.CreateDefault2());
        runspace.Open();
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript($"Import-Module '{Repo.ModuleManifest}'; Find-PersonalData -Path '{dir.Path}' -Email anna@fjord.example -ThrottleLimit 1");
        var output = new PSDataCollection<PSObject>();
        using var first = new ManualResetEventSlim();
        output.DataAdded += (_, _) => first.Set();
        var async = ps.BeginInvoke<PSObject, PSObject>(null, output);
        Assert.True(first.Wait(TimeSpan.FromSeconds(60)), "no finding arrived");
        ps.Stop();
        Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(async));
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        Assert.InRange(output.Count, 1, 2999);

        ps.Commands.Clear();
        ps.AddScript("(Get-Module GdprOps).Name");
        Assert.Equal("GdprOps", ps.Invoke().Single().ToString());
    }
}
