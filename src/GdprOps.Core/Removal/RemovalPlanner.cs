using System.Collections.Generic;
using GdprOps.Model;
using GdprOps.Review;

namespace GdprOps.Removal;

/// <summary>
/// The law of the Decision column, in one place for the module and the command line. A row acts only when its
/// Decision approves (approve, delete, purge, redact, in English, Danish or Dutch); keep and any unknown word
/// leave it alone. A row straight from a sweep (no review) follows the command's mode; a row from a report whose
/// Decision is empty is left alone unless the caller opts in. Low-confidence matches (a name with no other
/// identifier) are left alone unless a reviewer approved the row or the caller opts in. A row the sweep could not read
/// (Status NotScanned) is never acted on.
/// </summary>
public static class RemovalPlanner
{
    public static PlannedRemoval Plan(Finding finding, bool fromReport, RemovalOptions options)
    {
        var decision = ReviewDecisions.Parse(finding.Decision);
        var mode = decision switch
        {
            DecisionKind.Delete => RemovalMode.Delete,
            DecisionKind.Purge => RemovalMode.Purge,
            DecisionKind.Redact => RemovalMode.Redact,
            _ => options.Mode,
        };

        // Only what a sweep read is removed (and read again first): a row for an item, folder or mailbox that could not
        // be read names no data to remove, whatever its Decision says.
        if (finding.Status == ScanStatus.NotScanned)
        {
            return PlannedRemoval.Skip(finding, mode, RemovalOutcome.SkippedNotScanned,
                "The sweep could not read this item (Status NotScanned, see StatusReason), so nothing is known to remove: make it readable and sweep again.");
        }

        switch (decision)
        {
            case DecisionKind.Keep:
                return PlannedRemoval.Skip(finding, mode, RemovalOutcome.SkippedByDecision, "The reviewer's decision is to keep this item.");
            case DecisionKind.Unrecognised:
                return PlannedRemoval.Skip(finding, mode, RemovalOutcome.SkippedByDecision,
                    "The Decision is not a word GdprOps recognises, so the item was left alone (see Get-Help Remove-SubjectData for the accepted words).");
            case DecisionKind.None when fromReport && !options.ActOnUndecided:
                return PlannedRemoval.Skip(finding, mode, RemovalOutcome.SkippedUndecided,
                    "The row comes from a report and its Decision is empty: nobody approved it (-IncludeUndecided acts on such rows).");
        }

        // A reviewer who approved the row by name has looked at it: that is the check a Low match asks for.
        if (finding.Confidence == Confidence.Low && !options.IncludeLowConfidence && decision == DecisionKind.None)
        {
            return PlannedRemoval.Skip(finding, mode, RemovalOutcome.SkippedLowConfidence,
                "The match is Low confidence (for example a single name part without another identifier): check it and use -IncludeLowConfidence to act on it.");
        }

        return PlannedRemoval.Act(finding, mode);
    }

    /// <summary>
    /// What acting on <paramref name="planned"/> will do, in the words -WhatIf and <c>gdprops remove --what-if</c>
    /// show. <paramref name="delete"/> is where a Delete puts the item, as its source's connector says.
    /// </summary>
    public static string Describe(PlannedRemoval planned, string delete, ISet<string> mailboxesOnHold)
    {
        var finding = planned.Finding;
        string action = planned.Mode switch
        {
            RemovalMode.Purge => "Remove permanently (purge)",
            RemovalMode.Redact => "Redact the subject's identifiers",
            _ => delete,
        };
        if (finding.SourceKind == SourceKind.Mailbox && mailboxesOnHold.Contains(finding.Source))
        {
            action += "; the mailbox is on hold, so Exchange keeps a copy (Retained)";
        }

        return action;
    }
}
