using System;
using System.Collections.Generic;
using System.Linq;
using GdprOps.Audit;

namespace GdprOps.Cases;

/// <summary>
/// A case as Get-GdprCase shows it: the stored case, its deadline on the day asked, and what the audit log holds
/// under its id (sweeps, exports, removals, retention runs), oldest first.
/// </summary>
public sealed class CaseStatusReport
{
    private CaseStatusReport(GdprCase value, DateTime today, IReadOnlyList<AuditRecord> history)
    {
        Case = value;
        Due = value.Due;
        DaysLeft = value.Status == CaseStatus.Open ? value.DaysLeft(today) : null;
        Overdue = value.IsOverdue(today);
        History = history;
        Sweeps = history.Count(r => r.Action == "Sweep");
        Exports = history.Count(r => r.Action == "Export");
        Removals = history.Count(r => r.Action == "Removal");
        LastActivity = history.Count == 0 ? null : history[history.Count - 1].Time;
    }

    public GdprCase Case { get; }

    public string CaseId => Case.CaseId;

    public CaseType Type => Case.Type;

    public CaseStatus Status => Case.Status;

    public DateTime Received => Case.Received;

    public DateTime Due { get; }

    /// <summary>Days to the deadline (negative when overdue); empty once the case is completed.</summary>
    public int? DaysLeft { get; }

    public bool Overdue { get; }

    public bool Extended => Case.ExtendedOn is not null;

    public int Sweeps { get; }

    public int Exports { get; }

    public int Removals { get; }

    public DateTimeOffset? LastActivity { get; }

    public IReadOnlyList<AuditRecord> History { get; }

    /// <summary>The case on <paramref name="today"/> with the audit lines written under its id (the log may be absent: no history yet).</summary>
    public static CaseStatusReport For(GdprCase value, DateTime today, IReadOnlyList<AuditRecord> log) =>
        new(value, today, log.Where(r => string.Equals(r.CaseId, value.CaseId, StringComparison.OrdinalIgnoreCase)).OrderBy(r => r.Sequence).ToList());

    /// <summary>Open cases due within <paramref name="days"/> days of <paramref name="today"/>, overdue ones included.</summary>
    public static bool IsDueWithin(GdprCase value, DateTime today, int days) =>
        value.Status == CaseStatus.Open && value.DaysLeft(today) <= days;
}
