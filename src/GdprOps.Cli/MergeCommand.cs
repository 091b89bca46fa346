using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using GdprOps.Export;

namespace GdprOps.Cli;

/// <summary>gdprops merge: the reports of a sharded sweep joined into one, after proving they are the whole run.</summary>
internal static class MergeCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var reports = new Argument<FileInfo[]>("reports") { Description = "The shards' reports (findings.1-of-4.csv ...), each with its .shard.json beside it.", Arity = ArgumentArity.OneOrMore };
        var outPath = new Option<FileInfo>("--out") { Description = "The merged report.", Required = true };
        var merge = new Command("merge", "Join the reports of a sharded sweep into one: refused unless every shard of one run is there once, unchanged, and no mailbox, drive, container or folder was swept twice.") { reports, outPath };
        merge.SetAction(parse => CliErrors.Refusing(error, () =>
        {
            var files = parse.GetValue(reports)!.Select(f => f.FullName).ToList();
            var manifests = ShardManifest.CheckSet(files);
            int rows = 0;
            using (var writer = new FindingReportWriter(parse.GetValue(outPath)!.FullName))
            {
                foreach (string file in files)
                {
                    using var reader = new FindingReportReader(file);
                    foreach (var finding in reader.ReadAll())
                    {
                        writer.Write(finding);
                        rows++;
                    }
                }

                writer.Commit();
            }

            foreach (string warning in ShardManifest.Warnings(manifests))
            {
                error.WriteLine("WARNING: " + warning);
            }

            output.WriteLine($"Merged {manifests.Count} shard(s) of run {manifests[0].RunId}: {manifests.Sum(m => m.Units.Count)} unit(s), {rows} finding(s) -> {parse.GetValue(outPath)!.FullName}");
            return ExitCodes.Success;
        }));
        return merge;
    }
}
