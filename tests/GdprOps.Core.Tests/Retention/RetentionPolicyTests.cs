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

    private static string ItemRule(string settings) =>
        "{\n  \"version\": 1,\n  \"itemRules\": [\n    {\n      \"name\": \"Applications\",\n      \"scope\": \"share\",\n      \"dateProperty\": \"Created\",\n" + settings + "\n    }\n  ]\n}";

    [Theory]
    [InlineData("      \"olderThan\": \"2y\",\n      \"legalBasis\": \"x\",\n      \"olderThan\": \"1s\"", "appears more than once")]
    [InlineData("      \"olderThan\": \"0d\",\n      \"legalBasis\": \"x\"", "zero")]
    [InlineData("      \"olderThan\": \"0mo\",\n      \"legalBasis\": \"x\"", "zero")]
    [InlineData("      \"olderThan\": \"2999-01-01\",\n      \"legalBasis\": \"x\"", "in the future")]
    [InlineData("      \"olderThan\": \"-30.00:00:00\",\n      \"legalBasis\": \"x\"", "not a positive time span")]
    [InlineData("      \"olderThan\": \"00:00:00\",\n      \"legalBasis\": \"x\"", "not a positive time span")]
    [InlineData("      \"olderThan\": \"1000y\",\n      \"legalBasis\": \"x\"", "longer than 100 years")]
    [InlineData("      \"olderThan\": \"99999999999999d\",\n      \"legalBasis\": \"x\"", "longer than 100 years")]
    [InlineData("      \"olderThan\": \"2y\",\n      \"legalBasis\": \"   \"", "legalBasis is empty")]
    public void A_policy_that_could_delete_everything_by_accident_is_refused_with_its_line(string settings, string reason)
    {
        var problems = RetentionPolicy.Validate(ItemRule(settings), out _);
        var problem = Assert.Single(problems, p => p.Contains(reason, StringComparison.Ordinal));
        Assert.Matches(@"^line (8|9|10): ", problem);
        Assert.Throws<GdprOpsException>(() => RetentionPolicy.Parse(ItemRule(settings)));
    }

    [Theory]
    [InlineData("\"1\"")]
    [InlineData("1.5")]
    [InlineData("1e10")]
    [InlineData("99999999999")]
    public void A_bad_version_is_a_clear_problem_not_a_crash(string version)
    {
        var problems = RetentionPolicy.Validate("{\n  \"version\": " + version + ",\n  \"itemRules\": [ { \"name\": \"a\", \"scope\": \"share\", \"dateProperty\": \"Created\", \"olderThan\": \"2y\", \"legalBasis\": \"x\" } ]\n}", out _);
        Assert.Equal("line 2: version must be 1.", Assert.Single(problems));
    }

    [Fact]
    public void Moving_mail_to_Deleted_Items_is_refused_at_validation()
    {
        var problems = RetentionPolicy.Validate("""
            {
              "mailboxRules": [
                { "name": "File it", "olderThan": "6mo", "action": "Move", "destination": "DeletedItems", "legalBasis": "Mail policy" }
              ]
            }
            """, out _);
        Assert.Contains(problems, p => p.Contains("Deleted Items", StringComparison.Ordinal));
    }

    [Fact]
    public void A_duplicate_key_in_a_subject_file_is_refused()
    {
        using var stream = new System.IO.MemoryStream(System.Text.Encoding.UTF8.GetBytes("{ \"names\": [\"Jens Holm\"], \"emails\": [\"a@b.example\"], \"Names\": [\"Someone Else\"] }"));
        var error = Assert.Throws<GdprOpsException>(() => GdprOps.Subjects.SubjectProfileFile.Load(stream, "subject.json"));
        Assert.Contains("more than once", error.Message, StringComparison.Ordinal);
    }
}
