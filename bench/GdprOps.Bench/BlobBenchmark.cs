using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Azure.Storage.Blobs;
using GdprOps.Model;
using GdprOps.Sources.Blob;
using GdprOps.Subjects;
using GdprOps.Sweep;
using GdprOps.Testing;

namespace GdprOps.Bench;

/// <summary>Blobs scanned per second on one container in Azurite (small text blobs, a few with the subject).</summary>
internal static class BlobBenchmark
{
    public static async Task<int> RunAsync(string repoRoot, int blobs, int workers)
    {
        using var azurite = await AzuriteServer.StartAsync(repoRoot);
        var container = new BlobContainerClient(azurite.ConnectionString, "bench");
        await container.CreateAsync();
        var clock = Stopwatch.StartNew();
        int planted = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, blobs), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            bool subject = i % 500 == 0;
            if (subject)
            {
                Interlocked.Increment(ref planted);
            }

            string text = subject ? $"Ticket {i}: call from Søren Aabye Østergaard." : $"Ticket {i}: printer on floor {i % 7} is out of toner again.";
            await container.UploadBlobAsync($"tickets/{i / 1000:D2}/{i:D5}.txt", BinaryData.FromString(text), ct);
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"uploaded {blobs} blobs in {clock.Elapsed.TotalSeconds:F1} s"));

        var subjectProfile = new SubjectProfileBuilder().AddNames(new[] { "Søren Aabye Østergaard" }).Build();
        var host = new CountingHost();
        clock.Restart();
        var summary = await new PersonalDataSweep(new SweepOptions(subjectProfile, new[] { new BlobContainerSource(container, null) }) { ThrottleLimit = workers }, host).RunAsync(CancellationToken.None);
        double seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"swept {summary.ItemsSeen} blobs in {seconds:F1} s: {summary.ItemsSeen / seconds:F0} blobs/s with {workers} workers; {host.Findings} findings (planted {planted}), {host.Errors} errors"));
        return host.Findings == planted ? 0 : 1;
    }
}
