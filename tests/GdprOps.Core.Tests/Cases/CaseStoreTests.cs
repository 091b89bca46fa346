using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using GdprOps.Audit;
using GdprOps.Cases;
using GdprOps.Tests.Shared;
using Xunit;

namespace GdprOps.Tests.Cases;

public class CaseStoreTests
{
    private static GdprCase NewCase(string id, DateTime received, CaseType type = CaseType.Access) =>
        new() { CaseId = id, Type = type, Status = CaseStatus.Open, Received = received };

    [Theory]
    [InlineData("2026-01-15", null, false, "2026-02-15")] // one month from receipt, Art. 12(3)
    [InlineData("2026-01-31", null, false, "2026-02-28")] // a day the next month lacks is its last day
    [InlineData("2028-01-31", null, false, "2028-02-29")] // leap year
    [InlineData("2026-01-31", null, true, "2026-04-28")] // two further months from the first deadline
    [InlineData("2026-03-01", 30, false, "2026-03-31")] // a controller promising 30 days
    [InlineData("2026-03-01", 30, true, "2026-05-31")]
    public void The_deadline_is_one_month_or_the_policys_days_and_two_more_months_once_extended(string received, int? days, bool extended, string due)
    {
        var value = NewCase("C1", DateTime.Parse(received, System.Globalization.CultureInfo.InvariantCulture));
        value.ResponseDays = days;
        value.ExtendedOn = extended ? value.Received.AddDays(3) : null;
        Assert.Equal(DateTime.Parse(due, System.Globalization.CultureInfo.InvariantCulture), value.Due);
    }

    [Fact]
    public void Days_left_count_down_to_the_deadline_and_an_open_case_past_it_is_overdue()
    {
        var value = NewCase("C1", new DateTime(2026, 11, 1));
        Assert.Equal(1, value.DaysLeft(new DateTime(2026, 11, 30)));
        Assert.False(value.IsOverdue(new DateTime(2026, 12, 1)));
        Assert.Equal(-1, value.DaysLeft(new DateTime(2026, 12, 2)));
        Assert.True(value.IsOverdue(new DateTime(2026, 12, 2)));
        Assert.True(CaseStatusReport.IsDueWithin(value, new DateTime(2026, 12, 2), 7));
        value.Status = CaseStatus.Completed;
        Assert.False(value.IsOverdue(new DateTime(2026, 12, 2)));
        Assert.False(CaseStatusReport.IsDueWithin(value, new DateTime(2026, 12, 2), 7));
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("")]
    [InlineData(".hidden")]
    [InlineData("CON:")]
    [InlineData("con")] // a Windows device name
    [InlineData("LPT1")]
    [InlineData("case with spaces")]
    public void A_case_id_that_is_not_a_plain_file_name_is_refused(string id)
    {
        using var dir = new TempFolder();
        var store = new CaseStore(dir.Path);
        var error = Assert.Throws<GdprOpsException>(() => store.Create(NewCase(id, DateTime.Today)));
        Assert.Equal(ErrorIds.CaseIdInvalid, error.ErrorId);
        Assert.Empty(Directory.GetFileSystemEntries(Path.GetDirectoryName(dir.Path)!, "outside*"));
    }

    [Fact]
    public void A_case_is_written_once_read_back_whole_and_never_overwritten_by_a_second_create()
    {
        using var dir = new TempFolder();
        var store = new CaseStore(Path.Combine(dir.Path, "cases"));
        var created = store.Create(new GdprCase
        {
            CaseId = "DSAR-2026-0042", Type = CaseType.Erasure, Status = CaseStatus.Open, Received = new DateTime(2026, 11, 20),
            SubjectProfile = "/cases/subject.json", Reference = "Ticket 81723", ResponseDays = 30,
        });
        Assert.Equal(1, created.Revision);

        var read = store.Get("dsar-2026-0042".ToUpperInvariant());
        Assert.Equal(CaseType.Erasure, read.Type);
        Assert.Equal(new DateTime(2026, 12, 20), read.Due);
        Assert.Equal("Ticket 81723", read.Reference);
        Assert.Contains("\"Type\": \"Erasure\"", File.ReadAllText(store.PathOf("DSAR-2026-0042")), StringComparison.Ordinal);

        var again = Assert.Throws<GdprOpsException>(() => store.Create(NewCase("DSAR-2026-0042", DateTime.Today)));
        Assert.Equal(ErrorIds.CaseExists, again.ErrorId);
        Assert.Equal(CaseType.Erasure, store.Get("DSAR-2026-0042").Type);
        Assert.Equal(ErrorIds.CaseNotFound, Assert.Throws<GdprOpsException>(() => store.Get("DSAR-2026-0043")).ErrorId);
    }

    [Fact]
    public void Generated_ids_take_the_next_number_free_on_the_received_day()
    {
        using var dir = new TempFolder();
        var store = new CaseStore(dir.Path);
        var day = new DateTime(2026, 11, 30);
        store.Create(NewCase(store.NextId(day), day));
        store.Create(NewCase(store.NextId(day), day));
        Assert.Equal(new[] { "DSAR-20261130-001", "DSAR-20261130-002" }, store.List().Select(c => c.CaseId));
    }

    /// <summary>Eight writers changing one case at once (each its own store, as separate runs are): every change lands, none is lost.</summary>
    [Fact]
    public async Task Concurrent_changes_to_one_case_all_land_and_the_file_is_always_whole()
    {
        using var dir = new TempFolder();
        new CaseStore(dir.Path).Create(NewCase("C-1", DateTime.Today));
        bool readerFailed = false;
        bool done = false;
        var reader = Task.Run(() =>
        {
            var store = new CaseStore(dir.Path);
            while (!done)
            {
                try
                {
                    _ = store.Get("C-1");
                }
                catch (GdprOpsException)
                {
                    readerFailed = true;
                }
            }
        });
        // Threads of their own, started together: the thread pool would start them one by one.
        using var start = new System.Threading.Barrier(8);
        var writers = Enumerable.Range(0, 8).Select(w => new System.Threading.Thread(() =>
        {
            var store = new CaseStore(dir.Path);
            start.SignalAndWait();
            for (int i = 0; i < 25; i++)
            {
                store.Update("C-1", c =>
                {
                    string read = c.Notes ?? string.Empty;
                    System.Threading.Thread.Yield();
                    c.Notes = read + "x";
                });
            }
        })).ToArray();
        Array.ForEach(writers, t => t.Start());
        Array.ForEach(writers, t => t.Join());
        done = true;
        await reader;

        var final = new CaseStore(dir.Path).Get("C-1");
        Assert.Equal(200, final.Notes!.Length);
        Assert.Equal(201, final.Revision);
        Assert.False(readerFailed, "a reader saw a half-written case");
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
    }

    [Fact]
    public void A_held_lock_makes_a_change_wait_and_then_give_up_with_CaseBusy()
    {
        using var dir = new TempFolder();
        var store = new CaseStore(dir.Path, TimeSpan.FromMilliseconds(300));
        store.Create(NewCase("C-1", DateTime.Today));
        using (new FileStream(Path.Combine(dir.Path, ".C-1.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var error = Assert.Throws<GdprOpsException>(() => store.Update("C-1", c => c.Notes = "changed"));
            Assert.Equal(ErrorIds.CaseBusy, error.ErrorId);
        }

        Assert.Null(store.Get("C-1").Notes);
        store.Update("C-1", c => c.Notes = "changed");
        Assert.Equal("changed", store.Get("C-1").Notes);
    }

    [Fact]
    public void A_file_in_the_folder_that_is_not_a_case_is_reported_and_the_other_cases_still_listed()
    {
        using var dir = new TempFolder();
        var store = new CaseStore(dir.Path);
        store.Create(NewCase("C-1", DateTime.Today));
        File.WriteAllText(Path.Combine(dir.Path, "C-2.json"), "{ \"CaseId\": \"C-2\", ");
        File.WriteAllText(Path.Combine(dir.Path, "notes.json"), "{ \"hello\": 1 }");
        File.WriteAllText(Path.Combine(dir.Path, ".C-1.json.0123.tmp"), "{ torn"); // a crash in the middle of a write
        using (var big = File.Create(Path.Combine(dir.Path, "huge.json")))
        {
            big.SetLength(CaseStore.MaxCaseFileBytes + 1); // not read into memory
        }

        var unreadable = new List<(string Path, string Id)>();
        var cases = store.List((path, ex) => unreadable.Add((Path.GetFileName(path), ex.ErrorId)));
        Assert.Equal(new[] { "C-1" }, cases.Select(c => c.CaseId));
        Assert.Equal(new[] { ("C-2.json", ErrorIds.CaseFileInvalid), ("huge.json", ErrorIds.CaseFileInvalid), ("notes.json", ErrorIds.CaseFileInvalid) }, unreadable);
        Assert.Equal(ErrorIds.CaseFileInvalid, Assert.Throws<GdprOpsException>(() => store.Get("C-2")).ErrorId);
    }

    [Fact]
    public void The_report_counts_what_the_audit_log_holds_under_the_case_id_oldest_first()
    {
        using var dir = new TempFolder();
        var log = new AuditLog(Path.Combine(dir.Path, "audit.log"));
        foreach (var (action, caseId) in new[] { ("Sweep", "C-1"), ("Export", "c-1"), ("Export", "C-2"), ("RemovalStarted", "C-1"), ("Removal", "C-1") })
        {
            log.Append(new AuditEntry { Action = action, Command = "test", CaseId = caseId, Outcome = "Succeeded" });
        }

        var value = NewCase("C-1", new DateTime(2026, 11, 25));
        var report = CaseStatusReport.For(value, new DateTime(2026, 11, 30), log.Read());
        Assert.Equal(new[] { "Sweep", "Export", "RemovalStarted", "Removal" }, report.History.Select(r => r.Action));
        Assert.Equal((1, 1, 1), (report.Sweeps, report.Exports, report.Removals));
        Assert.Equal(25, report.DaysLeft);
        Assert.False(report.Overdue);
        Assert.Equal(report.History[^1].Time, report.LastActivity);
    }
}
