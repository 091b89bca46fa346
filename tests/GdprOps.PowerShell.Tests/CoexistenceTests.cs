using System;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using Xunit;

namespace GdprOps.PowerShell.Tests;

/// <summary>
/// GdprOps shares a session with modules that loaded other versions of its dependencies. This test loads
/// CsvHelper 15 into the default context first (as another module would), then runs a GdprOps command that
/// needs its own CsvHelper 34: both must work, side by side.
/// </summary>
public class CoexistenceTests
{
    [Fact]
    public void Gdprops_uses_its_own_copy_of_a_dependency_another_module_already_loaded()
    {
        // Another module's CsvHelper, in the default context, used before GdprOps arrives.
        var oldCsv = typeof(CsvHelper.CsvReader).Assembly;
        Assert.Equal(15, oldCsv.GetName().Version!.Major);
        using (var reader = new CsvHelper.CsvReader(new StringReader("a,b\n1,2\n"), System.Globalization.CultureInfo.InvariantCulture))
        {
            Assert.True(reader.Read());
        }

        string report = Path.Combine(Path.GetTempPath(), "gdprops-coexist-" + Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            var result = Ps.Run(
                "Find-PersonalData -Path $share -Email soeren.oestergaard@nordlys.example | Export-PersonalDataReport -Path $report",
                new System.Collections.Generic.Dictionary<string, object?> { ["share"] = Repo.SampleShare, ["report"] = report });
            Assert.Null(result.Terminating);
            Assert.Empty(result.Errors);
            Assert.Equal(5, File.ReadAllLines(report).Length); // header + 4 findings
        }
        finally
        {
            File.Delete(report);
        }

        var csvHelpers = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "CsvHelper").ToList();
        var gdprOpsCsv = Assert.Single(csvHelpers, a => AssemblyLoadContext.GetLoadContext(a)!.GetType().Name == "GdprOpsLoadContext");
        Assert.Equal(34, gdprOpsCsv.GetName().Version!.Major);
        Assert.StartsWith(Path.Combine(Repo.ModuleDirectory, "dependencies"), gdprOpsCsv.Location, StringComparison.Ordinal);
        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(oldCsv));

        // The engine itself never lands in the default context.
        var core = Assert.Single(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "GdprOps.Core");
        Assert.Equal("GdprOpsLoadContext", AssemblyLoadContext.GetLoadContext(core)!.GetType().Name);
    }
}
