using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using GdprOps.Audit;
using GdprOps.Export;
using GdprOps.Tests.Shared;
using Xunit;

namespace GdprOps.Tests.Cli;

/// <summary>
/// gdprops against Azure Blob storage (Azurite): the storage SDK's reads, listing and deletes as the command line runs
/// them, and so as the native build runs them too (tests/run.sh).
/// </summary>
[Collection(ProcessEnvironment.Name)]
public sealed class CliBlobTests
{
    private const string Email = "soeren.oestergaard@nordlys.example";

    [Fact]
    public async Task Find_then_remove_in_a_blob_container_deletes_only_the_approved_blob_of_the_person_and_audits_it()
    {
        using var azurite = await GdprOps.Testing.AzuriteServer.StartAsync(TestPaths.RepoRoot);
        var container = GdprOps.Sources.Blob.BlobContainers.FromConnectionString(azurite.ConnectionString, "archive");
        await container.CreateAsync();
        // 40 blobs in two virtual folders; items 3, 13, 23 and 33 name the person.
        for (int i = 0; i < 40; i++)
        {
            string text = i % 10 == 3 ? $"Ticket {i}: please reply to {Email} about the refund" : $"Ticket {i}: printer jam on floor 3";
            await container.GetBlobClient($"tickets-{i / 20}/item-{i:00}.txt").UploadAsync(BinaryData.FromString(text));
        }

        using var dir = new TempFolder();
        string found = Path.Combine(dir.Path, "found.csv");
        string log = Path.Combine(dir.Path, "audit.log");
        Environment.SetEnvironmentVariable("GDPROPS_BLOB_CONNECTION_STRING", azurite.ConnectionString);
        try
        {
            var (exit, output, error) = await CliTests.Run("find", "--blob-container", "archive", "--email", Email, "--csv", found);
            Assert.True(exit == 0, error);
            Assert.Contains("4 finding(s).", output, StringComparison.Ordinal);
            Assert.DoesNotContain(Email, output + error, StringComparison.OrdinalIgnoreCase);

            // The reviewer approves one blob and keeps another; the other two stay undecided.
            string reviewed = Path.Combine(dir.Path, "reviewed.csv");
            using (var reader = new FindingReportReader(found))
            using (var writer = new FindingReportWriter(reviewed))
            {
                var rows = reader.ReadAll().ToList();
                Assert.Equal(new[] { "tickets-0/item-03.txt", "tickets-0/item-13.txt", "tickets-1/item-23.txt", "tickets-1/item-33.txt" }, rows.Select(r => r.ItemId).OrderBy(n => n, StringComparer.Ordinal));
                foreach (var finding in rows)
                {
                    finding.Decision = finding.ItemId switch { "tickets-0/item-13.txt" => "delete", "tickets-1/item-23.txt" => "keep", _ => null };
                    writer.Write(finding);
                }

                writer.Commit();
            }

            (exit, output, error) = await CliTests.Run("remove", "--report", reviewed, "--email", Email, "--audit-log", log, "--yes");
            Assert.True(exit == 0, error);
            Assert.Contains("1 Removed, 1 SkippedByDecision, 2 SkippedUndecided.", output, StringComparison.Ordinal);
            var left = container.GetBlobs().Select(b => b.Name).ToList();
            Assert.Equal(39, left.Count);
            Assert.DoesNotContain("tickets-0/item-13.txt", left);
            Assert.Contains("tickets-1/item-23.txt", left);
            // Every row is in the audit log (by a hash of the item, not its name): the deletion as intended before and as
            // done after, the three left alone with why.
            var removals = new AuditLog(log).Read().Where(r => r.Action == "Removal").ToList();
            Assert.Equal(new[] { "Intended", "Removed", "SkippedByDecision", "SkippedUndecided", "SkippedUndecided" }, removals.Select(r => r.Outcome).OrderBy(o => o, StringComparer.Ordinal));
            Assert.Equal(removals.Single(r => r.Outcome == "Intended").Scope, removals.Single(r => r.Outcome == "Removed").Scope);
            Assert.DoesNotContain("item-13", File.ReadAllText(log), StringComparison.Ordinal);
            Assert.True(new AuditLog(log).Verify().Valid);
        }
        finally
        {
            Environment.SetEnvironmentVariable("GDPROPS_BLOB_CONNECTION_STRING", null);
        }
    }
}
