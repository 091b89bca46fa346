using System;
using System.Linq;
using GdprOps.Retention;
using Xunit;

namespace GdprOps.Tests.Retention;

public sealed class RetentionPolicyTests
{
    private const string Valid = """
        {
          "version": 1,
          "mailboxRules": [
            { "name": "Standard folders", "folders": ["inbox", "outbox", "sentitems", "deleteditems"], "olderThan": "6mo", "action": "Delete", "legalBasis": "Mail policy 4.2" }
          ],
          "itemRules": [
            { "name": "Consent withdrawn", "scope": "blob", "dateMetadata": "ConsentWithdrawn", "olderThan": "2y", "action": "Purge", "legalBasis": "GDPR Art. 6(1)(a), 7(3)" },
            { "name": "Contracts", "scope": "share", "dateProperty": "Modified", "olderThan": "10y", "action": "Delete", "legalBasis": "Bookkeeping act" }
          ]
        }
        """;

    [Fact]
    public void A_valid_policy_loads_its_rules()
    {
        var policy = RetentionPolicy.Parse(Valid);
        var rule = Assert.Single(policy.MailboxRules);
        Assert.Equal(4, rule.Folders.Count);
        Assert.Equal("Delete", rule.Action);
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero), rule.OlderThan.CutoffFrom(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(2, policy.ItemRules.Count);
        Assert.Equal("ConsentWithdrawn", policy.ItemRules[0].DateMetadata);
    }

    [Fact]
    public void Every_problem_is_reported_with_its_line()
    {
        string broken = """
            {
              "version": 1,
              "mailboxRules": [
                {
                  "name": "Bad",
                  "folders": ["inbox", "Projects"],
                  "olderThan": "soon",
                  "action": "Move"
                }
              ],
              "itemRules": [
                {
                  "name": "No basis",
                  "scope": "tape",
                  "dateProperty": "Modified",
                  "olderThan": "2y",
                  "colour": "red"
                }
              ]
            }
            """;
        var problems = RetentionPolicy.Validate(broken, out _);
        Assert.Contains(problems, p => p.StartsWith("line 6:", StringComparison.Ordinal) && p.Contains("Projects", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("line 7:", StringComparison.Ordinal) && p.Contains("soon", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("line 8:", StringComparison.Ordinal) && p.Contains("destination", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("line 14:", StringComparison.Ordinal) && p.Contains("scope", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("line 17:", StringComparison.Ordinal) && p.Contains("colour", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("legalBasis", StringComparison.Ordinal));
        var error = Assert.Throws<GdprOpsException>(() => RetentionPolicy.Parse(broken));
        Assert.Equal(ErrorIds.RetentionPolicyInvalid, error.ErrorId);
    }

    [Fact]
    public void Syntax_errors_name_their_line()
    {
        var problems = RetentionPolicy.Validate("{\n  \"version\": 1,\n  \"mailboxRules\": [ { \"name\": \"x\" \"olderThan\": \"6mo\" } ]\n}", out _);
        Assert.StartsWith("line 3:", Assert.Single(problems), StringComparison.Ordinal);
    }
}
