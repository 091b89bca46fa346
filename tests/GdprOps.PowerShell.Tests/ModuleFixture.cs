using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;
using Xunit;

namespace GdprOps.PowerShell.Tests;

/// <summary>Where the built module and the repository are.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string ModuleManifest { get; } = Path.Combine(Root, "out", "GdprOps", "GdprOps.psd1");

    public static string ModuleDirectory => Path.GetDirectoryName(ModuleManifest)!;

    public static string SampleShare => Path.Combine(Root, "samples", "share");

    public static string SampleSubject => Path.Combine(Root, "samples", "subject.json");

    public static readonly string[] ExportedCmdlets = { "Complete-GdprCase", "Connect-GdprOps", "Disconnect-GdprOps", "Export-GdprReport", "Export-PersonalDataReport", "Export-SubjectData", "Find-PersonalData", "Get-GdprAuditLog", "Get-GdprCase", "Get-GdprOpsConnection", "Import-PersonalDataReport", "Invoke-ItemRetention", "Invoke-MailboxRetention", "Measure-PersonalData", "New-GdprCase", "New-SubjectProfile", "Remove-SubjectData", "Set-GdprCase", "Test-GdprAuditLog", "Test-ItemRetention", "Test-MailboxRetention", "Test-RetentionPolicy", "Test-SubjectExport" };

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GdprOps.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("GdprOps.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>The result of running a script: every stream, for assertions.</summary>
internal sealed class PsResult
{
    public List<PSObject> Output { get; } = new();

    public List<ErrorRecord> Errors { get; } = new();

    public List<string> Warnings { get; } = new();

    public List<string> Verbose { get; } = new();

    public List<ProgressRecord> Progress { get; } = new();

    public Exception? Terminating { get; set; }

    /// <summary>
    /// The error record of a statement-terminating error, caught by a script of the form
    /// "try { ... } catch { $_ }": a non-terminating error would not reach the catch block.
    /// </summary>
    public ErrorRecord Caught() => Assert.Single(Output.Select(o => o.BaseObject).OfType<ErrorRecord>());

    public T[] Objects<T>() => Output.Select(o => o.BaseObject).OfType<T>().ToArray();

    /// <summary>All the text the run showed a person, outside its output objects.</summary>
    public string AllText => string.Join("\n", Warnings.Concat(Verbose)
        .Concat(Errors.Select(e => e.FullyQualifiedErrorId + " " + e.Exception.Message + " " + e.ErrorDetails?.Message))
        .Concat(Progress.Select(p => p.Activity + " " + p.StatusDescription + " " + p.CurrentOperation))
        .Concat(Terminating is null ? Array.Empty<string>() : new[] { Terminating.Message }));
}

/// <summary>Runs scripts in a fresh runspace of the real PowerShell engine with GdprOps imported from out/.</summary>
internal static class Ps
{
    public static PsResult Run(string script, IDictionary<string, object?>? variables = null, bool import = true, PSHost? host = null)
    {
        if (import && !File.Exists(Repo.ModuleManifest))
        {
            throw new InvalidOperationException($"The module is not built: {Repo.ModuleManifest} is missing. Run 'dotnet build GdprOps.sln' first.");
        }

        using var runspace = host is null
            ? RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2())
            : RunspaceFactory.CreateRunspace(host, InitialSessionState.CreateDefault2());
        runspace.Open();
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;
        runspace.SessionStateProxy.Path.SetLocation(Repo.Root);
        foreach (var pair in variables ?? new Dictionary<string, object?>())
        {
            runspace.SessionStateProxy.SetVariable(pair.Key, pair.Value);
        }

        string prefix = import ? $"Import-Module '{Repo.ModuleManifest}' -ErrorAction Stop\n" : string.Empty;
        ps.AddScript(prefix + script);
        var result = new PsResult();
        try
        {
            result.Output.AddRange(ps.Invoke());
        }
        catch (RuntimeException ex)
        {
            result.Terminating = ex;
        }

        result.Errors.AddRange(ps.Streams.Error);
        result.Warnings.AddRange(ps.Streams.Warning.Select(w => w.Message));
        result.Verbose.AddRange(ps.Streams.Verbose.Select(v => v.Message));
        result.Progress.AddRange(ps.Streams.Progress);
        return result;
    }
}
