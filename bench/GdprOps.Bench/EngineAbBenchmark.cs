using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;

namespace GdprOps.Bench;

/// <summary>
/// Two builds of the discovery engine on the same text in one process, for a change worth a few per cent on a machine
/// whose speed wanders by half between minutes (these machines do: runs of the same build a minute apart differ 1.8x).
/// Each build's GdprOps.Core.dll is loaded in its own load context; rounds run A B B A over the same chunks, so a slow
/// phase falls on both alike, and the median of the per-round time ratios B/A is reported with its spread. Both builds'
/// match counts are printed: a speed-up that changes what is found is no speed-up.
/// </summary>
internal static class EngineAbBenchmark
{
    private const int ChunkChars = Extraction.ChunkingTextSink.DefaultChunkChars;

    /// <param name="dirA">A folder with the first build's GdprOps.Core.dll (src/GdprOps.Core/bin/Release/net8.0 of a worktree).</param>
    /// <param name="dirB">The same for the second build.</param>
    public static int Run(string dirA, string dirB, int rounds, IReadOnlyList<string> files)
    {
        if (files.Count == 0)
        {
            Console.Error.WriteLine("Name the text to scan: engine-ab --a DIR --b DIR [--rounds N] --file F [--file F ...]");
            return 2;
        }

        foreach (string dir in new[] { dirA, dirB }.Where(d => !File.Exists(Path.Combine(d, "GdprOps.Core.dll"))))
        {
            Console.Error.WriteLine($"No GdprOps.Core.dll in {dir}: build that version first (dotnet build -c Release src/GdprOps.Core in its worktree; the net8.0 folder).");
            return 2;
        }

        var a = Engine.Load(dirA);
        var b = Engine.Load(dirB);
        Console.WriteLine($"A {a.Location}\nB {b.Location}\n{rounds} rounds of A B B A per file");
        bool same = true;
        foreach (string file in files)
        {
            var chunks = Chunks(File.ReadAllText(file));
            long chars = chunks.Sum(c => (long)c.Length);
            a.Run(chunks);
            b.Run(chunks);
            var timesA = new List<double>();
            var timesB = new List<double>();
            var ratios = new List<double>();
            for (int r = 0; r < rounds; r++)
            {
                double a1 = a.Run(chunks), b1 = b.Run(chunks), b2 = b.Run(chunks), a2 = a.Run(chunks);
                timesA.Add(Math.Min(a1, a2));
                timesB.Add(Math.Min(b1, b2));
                ratios.Add((b1 + b2) / (a1 + a2));
            }

            same &= a.Found == b.Found;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(file)}: B/A time {Median(ratios):0.000} (rounds {ratios.Min():0.000}-{ratios.Max():0.000}); best A {chars / timesA.Min() / 1e6:0.0}, B {chars / timesB.Min() / 1e6:0.0} M chars/s; found A {a.Found}, B {b.Found}"));
        }

        return same ? 0 : 1;
    }

    private static List<string> Chunks(string text)
    {
        var chunks = new List<string>();
        for (int at = 0; at < text.Length; at += ChunkChars)
        {
            chunks.Add(text.Substring(at, Math.Min(ChunkChars, text.Length - at)));
        }

        return chunks;
    }

    private static double Median(List<double> values) => values.OrderBy(v => v).ElementAt(values.Count / 2);

    /// <summary>One build's scanner and accumulator, reached by reflection (its types are not this assembly's).</summary>
    private sealed class Engine
    {
        private readonly object _scanner;
        private readonly Type _accumulator;
        private readonly MethodInfo _scanInto;
        private readonly MethodInfo _count;

        private Engine(Assembly core)
        {
            Location = core.Location;
            var scannerType = core.GetType("GdprOps.Detection.Discovery.DiscoveryScanner", throwOnError: true)!;
            _accumulator = core.GetType("GdprOps.Detection.Discovery.DiscoveryAccumulator", throwOnError: true)!;
            _scanner = Activator.CreateInstance(scannerType, new object?[] { null, new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc) })!;
            _scanInto = scannerType.GetMethods().Single(m => m.Name == "ScanInto" && m.GetParameters().Length == 5 && m.GetParameters()[1].ParameterType == typeof(string));
            _count = _accumulator.GetMethod("Count", new[] { typeof(int) })!;
        }

        public string Location { get; }

        /// <summary>Matches counted at Low or above by the last run.</summary>
        public long Found { get; private set; }

        public static Engine Load(string dir) =>
            new(new FolderContext(dir).LoadFromAssemblyPath(Path.Combine(Path.GetFullPath(dir), "GdprOps.Core.dll")));

        /// <returns>Seconds to scan every chunk into one item's accumulator, as a sweep does.</returns>
        public double Run(List<string> chunks)
        {
            object accumulator = Activator.CreateInstance(_accumulator)!;
            var clock = Stopwatch.StartNew();
            for (int c = 0; c < chunks.Count; c++)
            {
                _scanInto.Invoke(_scanner, new object?[] { accumulator, "Body", (long)c * ChunkChars, chunks[c], null });
            }

            clock.Stop();
            Found = Convert.ToInt64(_count.Invoke(accumulator, new object[] { 65 }), CultureInfo.InvariantCulture);
            return clock.Elapsed.TotalSeconds;
        }
    }

    /// <summary>Loads what the folder holds from the folder; the rest (the framework, packages the folder lacks) as this process does.</summary>
    private sealed class FolderContext : AssemblyLoadContext
    {
        private readonly string _dir;

        public FolderContext(string dir)
            : base(isCollectible: false) => _dir = Path.GetFullPath(dir);

        protected override Assembly? Load(AssemblyName name)
        {
            string path = Path.Combine(_dir, name.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
