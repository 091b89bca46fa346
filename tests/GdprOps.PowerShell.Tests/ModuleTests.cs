using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace GdprOps.PowerShell.Tests;

public class ModuleTests
{
    [Fact]
    public void Module_exports_exactly_its_cmdlets()
    {
        var result = Ps.Run("(Get-Module GdprOps).ExportedCmdlets.Keys | ForEach-Object { $_ }");
        Assert.Null(result.Terminating);
        Assert.Equal(Repo.ExportedCmdlets, result.Output.Select(o => o.ToString()).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void Manifest_is_valid_and_carries_gallery_metadata()
    {
        var result = Ps.Run($"Test-ModuleManifest -Path '{Repo.ModuleManifest}' -ErrorAction Stop", import: false);
        Assert.Null(result.Terminating);
        var module = (PSModuleInfo)Assert.Single(result.Output).BaseObject;
        Assert.Equal(new[] { "Desktop", "Core" }, module.CompatiblePSEditions);
        Assert.Equal(new Version(5, 1), module.PowerShellVersion);
        Assert.Equal("GdprOps.PowerShell.dll", Path.GetFileName(module.RootModule));
        Assert.NotNull(module.ProjectUri);
        Assert.NotNull(module.LicenseUri);
        Assert.False(string.IsNullOrWhiteSpace(module.ReleaseNotes));
        Assert.Contains("GDPR", module.Tags);
        Assert.Empty(module.ExportedFunctions);
        Assert.Empty(module.ExportedAliases);
    }

    [Fact]
    public void Module_folder_has_the_documented_layout_and_no_engine_at_its_root()
    {
        string dir = Repo.ModuleDirectory;
        foreach (string file in new[] { "GdprOps.psd1", "GdprOps.PowerShell.dll", "GdprOps.format.ps1xml", "GdprOps.types.ps1xml",
                     "en-US/GdprOps.PowerShell.dll-Help.xml", "en-US/about_GdprOps.help.txt",
                     "dependencies/GdprOps.Core.dll", "dependencies/CsvHelper.dll", "dependencies/desktop/GdprOps.Core.dll" })
        {
            Assert.True(File.Exists(Path.Combine(dir, file)), file + " is missing");
        }

        // Anything beside the cmdlet assembly would load into PowerShell's default context.
        Assert.Equal(new[] { "GdprOps.PowerShell.dll" }, Directory.GetFiles(dir, "*.dll").Select(Path.GetFileName));
        Assert.DoesNotContain(Directory.GetFiles(Path.Combine(dir, "dependencies"), "*.dll").Select(Path.GetFileName),
            n => n!.StartsWith("System.Management.Automation", StringComparison.Ordinal) || n == "GdprOps.Module.dll");
    }

    [Fact]
    public void Every_script_and_data_file_in_the_repository_parses()
    {
        var files = Directory.EnumerateFiles(Repo.Root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".ps1", StringComparison.Ordinal) || f.EndsWith(".psm1", StringComparison.Ordinal) || f.EndsWith(".psd1", StringComparison.Ordinal))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "out" or "node_modules" or ".git"))
            .ToList();
        Assert.Contains(files, f => f.EndsWith("build.ps1", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith(".Tests.ps1", StringComparison.Ordinal));
        foreach (string file in files)
        {
            System.Management.Automation.Language.Parser.ParseFile(file, out _, out var errors);
            Assert.True(errors.Length == 0, file + ": " + string.Join("; ", errors.Select(e => e.Extent.StartLineNumber + ": " + e.Message)));
        }
    }

    [Fact]
    public void About_topic_is_found()
    {
        var result = Ps.Run("Get-Help about_GdprOps | ForEach-Object { $_ }");
        Assert.Null(result.Terminating);
        Assert.Contains("DPO REVIEW WORKFLOW", string.Join("\n", result.Output.Select(o => o.ToString())), StringComparison.Ordinal);
    }

    [Fact]
    public void Import_loads_nothing_from_dependencies_in_a_fresh_process()
    {
        string bench = Path.Combine(Repo.Root, "bench", "GdprOps.Bench", "bin");
        string dll = Directory.EnumerateFiles(bench, "GdprOps.Bench.dll", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).First();
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { dll, "import", "--iterations", "0", "--json", "--module", Repo.ModuleManifest })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(120_000));
        Assert.Equal(0, process.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        var loaded = json.RootElement.GetProperty("loadedByImport").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains("GdprOps.PowerShell", loaded);
        string[] dependencies = Directory.GetFiles(Path.Combine(Repo.ModuleDirectory, "dependencies"), "*.dll").Select(f => Path.GetFileNameWithoutExtension(f)!).ToArray();
        Assert.Contains("GdprOps.Core", dependencies);
        Assert.Empty(loaded.Intersect(dependencies));
        Assert.Empty(json.RootElement.GetProperty("loadedInGdprOpsContext").EnumerateArray());
    }
}
