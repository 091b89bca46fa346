using System;
using System.IO;
using System.Linq;
using GdprOps.Bench;

// dotnet run -c Release --project bench/GdprOps.Bench -- import [--iterations N] [--json] [--module PATH]
// dotnet run -c Release --project bench/GdprOps.Bench -- detect [--megabytes N] [--file PATH ...]   (--file: the detectors on those files' text instead of the generated corpus)
// dotnet run -c Release --project bench/GdprOps.Bench -- tree [--megabytes 2048] [--root DIR]
// dotnet run -c Release --project bench/GdprOps.Bench -- graph-startup [--users 50] [--iterations N]
// dotnet run -c Release --project bench/GdprOps.Bench -- export [--megabytes 2048] [--root DIR]
// dotnet run -c Release --project bench/GdprOps.Bench -- purge [--mailboxes 50] [--messages 10000] [--latency-ms 30] [--workers 64]
// dotnet run -c Release --project bench/GdprOps.Bench -- retention [--mailboxes 1000] [--latency-ms 30]
// dotnet run -c Release --project bench/GdprOps.Bench -- blob [--blobs 10000] [--workers 32]
// dotnet run -c Release --project bench/GdprOps.Bench -- graph-sweep [--mode subject|discovery] [--mailboxes 200] [--messages 500] [--latency-ms 30] [--workers 80] [--in-flight 20]
// dotnet run -c Release --project bench/GdprOps.Bench -- audit [--megabytes 150] [--appends 200]
// dotnet run -c Release --project bench/GdprOps.Bench -- sweep-speed [--megabytes 210] [--root DIR]
// dotnet run -c Release --project bench/GdprOps.Bench -- cli-sweep [--megabytes 500] [--root DIR] [--cli PATH/gdprops.dll] [--out DIR] [--compare EARLIER-OUT-DIR]   (dotnet build -c Release src/GdprOps.Cli first)
// dotnet run -c Release --project bench/GdprOps.Bench -- engine-ab --a DIR --b DIR [--rounds 8] --file F [--file F ...]   (DIR: a build's src/GdprOps.Core/bin/Release/net8.0)
// dotnet run -c Release --project bench/GdprOps.Bench -- shards [--mailboxes 200] [--messages 40] [--latency-ms 30] [--counts 1,2,4] [--cli PATH/gdprops.dll]   (dotnet build -c Release src/GdprOps.Cli first)
string command = args.FirstOrDefault() ?? "import";
int iterations = Option("--iterations") is { } n ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 20;
string manifest = Option("--module") ?? Path.Combine(FindRoot(), "out", "GdprOps", "GdprOps.psd1");

switch (command)
{
    case "import":
        return ImportBenchmark.Run(manifest, iterations, args.Contains("--json"));
    case "tree":
        return await TreeBenchmark.RunAsync(Option("--megabytes") is { } size ? int.Parse(size, System.Globalization.CultureInfo.InvariantCulture) : 2048, Option("--root"));
    case "detect":
        return await DetectionBenchmark.RunAsync(Option("--megabytes") is { } mb ? int.Parse(mb, System.Globalization.CultureInfo.InvariantCulture) : 64,
            args.Where((a, i) => i > 0 && args[i - 1] == "--file").ToList());
    case "graph-startup":
        return await GraphStartupBenchmark.RunAsync(Option("--users") is { } u ? int.Parse(u, System.Globalization.CultureInfo.InvariantCulture) : 50, Option("--iterations") is null ? 5 : iterations);
    case "export":
        return await ExportBenchmark.RunAsync(Int("--megabytes", 2048), Option("--root"));
    case "purge":
        return await RemovalBenchmark.RunAsync(Int("--mailboxes", 50), Int("--messages", 10_000), Int("--latency-ms", 30), Int("--workers", 64));
    case "retention":
        return await RetentionBenchmark.RunAsync(Int("--mailboxes", 1000), Int("--latency-ms", 30));
    case "blob":
        return await BlobBenchmark.RunAsync(FindRoot(), Int("--blobs", 10_000), Int("--workers", 32));
    case "graph-sweep":
        return await GraphSweepBenchmark.RunAsync(Option("--mode") ?? "subject", Int("--mailboxes", 200), Int("--messages", 500), Int("--latency-ms", 30), Int("--workers", 80), Int("--in-flight", 20));
    case "cli-sweep":
        return await CliSweepBenchmark.RunAsync(FindRoot(), Int("--megabytes", 500), Option("--root"), Option("--cli"), Option("--out"), Option("--compare"));
    case "shards":
        return await ShardBenchmark.RunAsync(FindRoot(), Int("--mailboxes", 200), Int("--messages", 40), Int("--latency-ms", 30),
            (Option("--counts") ?? "1,2,4").Split(',').Select(c => int.Parse(c, System.Globalization.CultureInfo.InvariantCulture)).ToList(), Option("--cli"));
    case "engine-ab":
        return EngineAbBenchmark.Run(Option("--a") ?? throw new ArgumentException("--a DIR"), Option("--b") ?? throw new ArgumentException("--b DIR"), Int("--rounds", 8),
            args.Where((a, i) => i > 0 && args[i - 1] == "--file").ToList());
    case "sweep-speed":
        return await SweepSpeedBenchmark.RunAsync(Int("--megabytes", 210), Option("--root"));
    case "audit":
        return await AuditBenchmark.RunAsync(Int("--megabytes", 150), Int("--appends", 200));
    default:
        Console.Error.WriteLine("usage: GdprOps.Bench import [--iterations N] [--json] [--module PATH] | detect [--megabytes N] | tree [--megabytes N] [--root DIR] | graph-startup [--users N] [--iterations N]");
        return 2;
}

int Int(string name, int fallback) => Option(name) is { } value ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : fallback;

string? Option(string name)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "GdprOps.sln")))
        {
            return dir.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}
