using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation.Runspaces;
using System.Runtime.Loader;
using System.Text.Json;

namespace GdprOps.Bench;

/// <summary>
/// How long Import-Module GdprOps takes in the hosted PowerShell engine, and which assemblies it loads.
/// The first import in a fresh process is the one users feel; later ones show the steady cost.
/// </summary>
internal static class ImportBenchmark
{
    public static int Run(string manifest, int iterations, bool json)
    {
        manifest = Path.GetFullPath(manifest);
        if (!File.Exists(manifest))
        {
            Console.Error.WriteLine($"Module not built: {manifest}. Run 'dotnet build GdprOps.sln' first.");
            return 2;
        }

        var runspaceClock = Stopwatch.StartNew();
        var first = Open();
        runspaceClock.Stop();

        // PowerShell's own first Import-Module pays for its module machinery: measure it on an empty
        // manifest module first, so the GdprOps figure is what GdprOps itself adds.
        string baselineDir = Path.Combine(Path.GetTempPath(), "gdprops-bench-baseline");
        Directory.CreateDirectory(baselineDir);
        string baseline = Path.Combine(baselineDir, "Baseline.psd1");
        File.WriteAllText(baseline, "@{ ModuleVersion = '1.0'; GUID = '0c3b6f0e-98a4-4c57-9d87-5a2f1e9b7a11'; FunctionsToExport = @() }");
        double baselineCold = TimeImport(first, baseline);

        var before = LoadedNames();
        double cold = TimeImport(first, manifest);
        var loadedByImport = LoadedNames().Except(before).OrderBy(n => n, StringComparer.Ordinal).ToList();
        var gdprOpsContexts = AssemblyLoadContext.All.Where(c => c.GetType().Name == "GdprOpsLoadContext")
            .SelectMany(c => c.Assemblies.Select(a => a.GetName().Name!)).OrderBy(n => n, StringComparer.Ordinal).ToList();
        first.Dispose();

        var warm = new List<double>();
        for (int i = 0; i < iterations; i++)
        {
            using var runspace = Open();
            warm.Add(TimeImport(runspace, manifest));
        }

        warm.Sort();
        double? median = warm.Count == 0 ? null : warm[warm.Count / 2];
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                coldImportMs = cold,
                baselineFirstImportMs = baselineCold,
                warmImportMedianMs = median,
                firstRunspaceOpenMs = runspaceClock.Elapsed.TotalMilliseconds,
                loadedByImport,
                loadedInGdprOpsContext = gdprOpsContexts,
            }));
        }
        else
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first runspace open                    {runspaceClock.Elapsed.TotalMilliseconds,8:0.0} ms (PowerShell itself, not GdprOps)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first Import-Module of an empty module {baselineCold,8:0.0} ms (PowerShell's module machinery, paid once per process)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Import-Module GdprOps, cold            {cold,8:0.0} ms (next import in the same fresh process: what GdprOps adds)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Import-Module GdprOps, warm            {median,8:0.0} ms (median of {iterations} new runspaces)"));
            Console.WriteLine("assemblies loaded by the import: " + string.Join(", ", loadedByImport));
            Console.WriteLine("assemblies in the GdprOps load context after import: " + (gdprOpsContexts.Count == 0 ? "(none)" : string.Join(", ", gdprOpsContexts)));
        }

        return 0;
    }

    private static Runspace Open()
    {
        var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        return runspace;
    }

    private static double TimeImport(Runspace runspace, string manifest)
    {
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddCommand("Import-Module").AddParameter("Name", manifest).AddParameter("ErrorAction", "Stop");
        var clock = Stopwatch.StartNew();
        ps.Invoke();
        clock.Stop();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static HashSet<string> LoadedNames() =>
        new(AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name!), StringComparer.Ordinal);
}
