using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Management.Automation.Language;
using GdprOps.Tests.Shared;
using Xunit;

namespace GdprOps.PowerShell.Tests;

/// <summary>build.ps1 stays thin and honest: it runs in the hosted engine, which has only core cmdlets.</summary>
public class BuildScriptTests
{
    private static readonly string Script = Path.Combine(Repo.Root, "build.ps1");

    [Fact]
    public void Package_task_zips_the_built_module()
    {
        using var dir = new TempFolder();
        var result = Ps.Run("& $script -Task Package -SkipBuild -OutputPath $out",
            new Dictionary<string, object?> { ["script"] = Script, ["out"] = dir.Path }, import: false);
        Assert.Null(result.Terminating);
        string zip = Assert.Single(Directory.GetFiles(dir.Path, "GdprOps.*.zip"));
        Assert.EndsWith("GdprOps.0.1.0.zip", zip, StringComparison.Ordinal);
        using var archive = ZipFile.OpenRead(zip);
        var entries = archive.Entries.Select(e => e.FullName.Replace('\\', '/')).ToList();
        Assert.Contains("GdprOps/GdprOps.psd1", entries);
        Assert.Contains("GdprOps/dependencies/GdprOps.Core.dll", entries);
        Assert.Contains("GdprOps/en-US/GdprOps.PowerShell.dll-Help.xml", entries);
    }

    [Fact]
    public void An_unknown_task_is_refused()
    {
        var result = Ps.Run("try { & $script -Task Deploy } catch { $_ }", new Dictionary<string, object?> { ["script"] = Script }, import: false);
        var record = result.Caught();
        Assert.StartsWith("ParameterArgumentValidationError", record.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("Deploy", record.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Uses_only_commands_the_core_engine_has()
    {
        var ast = Parser.ParseFile(Script, out _, out var errors);
        Assert.Empty(errors);
        var allowed = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "dotnet", "Get-Command", "Invoke-Pester", "Out-Null", "Set-StrictMode",
            // PSResourceGet's, used only after Get-Command found Publish-PSResource.
            "Publish-PSResource", "Register-PSResourceRepository", "Unregister-PSResourceRepository",
            "Invoke-Dotnet", "Get-ModuleVersion", "Invoke-Build", "Invoke-Test", "Invoke-Package", "Invoke-Clean",
        };
        var used = ast.FindAll(a => a is CommandAst, true).Cast<CommandAst>().Select(c => c.GetCommandName()).Where(n => n is not null).Distinct();
        Assert.All(used, name => Assert.Contains(name!, allowed));
    }
}
