using GdprOps.Testing;
using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using GdprOps.Extraction;
using GdprOps.Model;
using Xunit;

namespace GdprOps.Tests.Extraction;

/// <summary>
/// Seeded byte-level damage to valid files of the formats we read with our own code (compound files, RTF):
/// every damaged file must end as a per-item result (Scanned, Partial or NotScanned), never an exception, and quickly.
/// </summary>
public class FuzzTests
{
    [Theory]
    [InlineData("msg")]
    [InlineData("rtf")]
    public async Task Damaged_files_give_a_result_not_an_exception(string kind)
    {
        byte[] valid = kind == "msg"
            ? new OutlookMessageBuilder().Subject("Sick note").From("Anna Berg", "anna@fjord.example").To("Søren Østergaard", "soeren@nordlys.example")
                .Body("Patient CPR 150390-1230 " + new string('x', 6_000)).RtfBody(@"{\rtf1\ansi x}")
                .Attach("cv.txt", Encoding.UTF8.GetBytes("BSN 111222333"))
                .AttachMessage("Fwd", new OutlookMessageBuilder().Subject("inner").Body("IBAN NL91 ABNA 0417 1643 00")).Build()
            : Encoding.ASCII.GetBytes(@"{\rtf1\ansi\ansicpg1252\uc1{\fonttbl{\f0 Arial;}}{\info{\author Anna}}\f0 S\'f8ren \u216?stergaard\par{\field{\*\fldinst HYPERLINK ""mailto:a@b.dk""}{\fldrslt x}}{\*\objdata \bin4 {}{}}\tab end\par}");
        var random = new Random(20261123);
        var clock = Stopwatch.StartNew();
        var outcomes = new System.Collections.Generic.Dictionary<ScanStatus, int>();
        for (int round = 0; round < 400; round++)
        {
            byte[] damaged = (byte[])valid.Clone();
            int edits = 1 + random.Next(8);
            for (int e = 0; e < edits; e++)
            {
                // Anywhere, or where the structure lives: the header and directory at the start, the FAT at the end.
                int at = random.Next(3) switch
                {
                    0 => random.Next(Math.Min(2_048, damaged.Length)),
                    1 => damaged.Length - 1 - random.Next(Math.Min(1_024, damaged.Length)),
                    _ => random.Next(damaged.Length),
                };
                damaged[at] = random.Next(3) switch
                {
                    0 => (byte)random.Next(256),
                    1 => 0xFF,
                    _ => 0x00,
                };
            }

            if (random.Next(5) == 0)
            {
                damaged = damaged.Take(random.Next(damaged.Length)).ToArray();
            }

            var one = Stopwatch.StartNew();
            var (result, _) = await FormatTests.Extract(damaged, "damaged." + kind);
            Assert.True(one.Elapsed < TimeSpan.FromSeconds(5), $"round {round} took {one.Elapsed}");
            outcomes[result.Status] = outcomes.TryGetValue(result.Status, out int n) ? n + 1 : 1;
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), clock.Elapsed.ToString());
        Assert.True(outcomes.Count >= 2, string.Join(", ", outcomes.Select(o => o.Key + " " + o.Value)));
    }
}
