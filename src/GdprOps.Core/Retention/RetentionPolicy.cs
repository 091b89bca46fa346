using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using GdprOps.Json;

namespace GdprOps.Retention;

/// <summary>
/// A retention policy file (JSON): folder rules for mailboxes (the six-month rule) and age or metadata rules for
/// drives, shares and blobs, each with its action and legal basis. Loading checks every field and reports every
/// problem with its line number, so a policy is fixed before a scheduled run uses it.
/// </summary>
public sealed class RetentionPolicy
{
    private static readonly string[] Actions = { "Delete", "Purge", "Move" };
    private static readonly string[] Scopes = { "drive", "share", "blob" };

    public IReadOnlyList<MailboxRetentionRule> MailboxRules { get; private set; } = Array.Empty<MailboxRetentionRule>();

    public IReadOnlyList<ItemRetentionRule> ItemRules { get; private set; } = Array.Empty<ItemRetentionRule>();

    /// <summary>
    /// Reads and validates a policy file, .json or .psd1 (a hashtable with the same keys, read as data by
    /// <see cref="PowerShellDataFile"/>); every problem is listed ("line 12: ...") in one exception.
    /// </summary>
    public static RetentionPolicy Load(string path)
    {
        var validation = ValidateFile(path, out var policy);
        return policy ?? throw new GdprOpsException(ErrorIds.RetentionPolicyInvalid, File.Exists(validation.Path) ? ErrorKind.InvalidData : ErrorKind.NotFound,
            "The retention policy is not valid (see Test-RetentionPolicy or gdprops retention validate):\n" + validation.Problems);
    }

    /// <summary>What Test-RetentionPolicy and <c>gdprops retention validate</c> report on a .json or .psd1 policy file.</summary>
    public static RetentionPolicyValidation ValidateFile(string path, out RetentionPolicy? policy)
    {
        policy = null;
        string full = Path.GetFullPath(path);
        var result = new RetentionPolicyValidation { Path = full };
        if (!File.Exists(full))
        {
            result.Problems = $"No retention policy at '{full}'.";
            return result;
        }

        string json;
        bool fromData = full.EndsWith(".psd1", StringComparison.OrdinalIgnoreCase);
        try
        {
            string text = File.ReadAllText(full, Encoding.UTF8);
            json = fromData ? DataToJson(PowerShellDataFile.Parse(text)) : text;
        }
        catch (FormatException ex)
        {
            result.Problems = ex.Message;
            return result;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            result.Problems = $"The policy cannot be read: {ex.GetType().Name}.";
            return result;
        }

        if (fromData && !json.StartsWith("{", StringComparison.Ordinal))
        {
            result.Problems = "line 1: a .psd1 policy must hold one hashtable (@{ mailboxRules = @(...) }).";
            return result;
        }

        var problems = Validate(json, out policy);
        // Line numbers refer to the JSON; for a .psd1 they would point into the converted text, so only the message is kept.
        result.Problems = string.Join("\n", fromData ? problems.Select(p => p.Substring(p.IndexOf(':') + 2)) : problems);
        result.Valid = problems.Count == 0;
        result.MailboxRules = policy?.MailboxRules.Count ?? 0;
        result.ItemRules = policy?.ItemRules.Count ?? 0;
        if (!result.Valid)
        {
            policy = null;
        }

        return result;
    }

    /// <summary>The JSON text of a value read from a data file (dictionaries, lists, strings, numbers, booleans, null).</summary>
    private static string DataToJson(object? value) => value switch
    {
        null => "null",
        IDictionary<string, object?> table => "{" + string.Join(",", table.Select(e => CoreJson.Quote(e.Key) + ":" + DataToJson(e.Value))) + "}",
        string text => CoreJson.Quote(text),
        bool flag => flag ? "true" : "false",
        long or double => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        IEnumerable<object?> items => "[" + string.Join(",", items.Select(DataToJson)) + "]",
        _ => value.ToString() is { } other ? CoreJson.Quote(other) : "null",
    };

    public static RetentionPolicy Parse(string json)
    {
        var problems = Validate(json, out var policy);
        if (problems.Count > 0)
        {
            throw new GdprOpsException(ErrorIds.RetentionPolicyInvalid, ErrorKind.InvalidData, "The retention policy is not valid:\n" + string.Join("\n", problems));
        }

        return policy!;
    }

    /// <summary>Every problem of a policy text, as "line N: message"; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(string json, out RetentionPolicy? policy)
    {
        policy = null;
        var problems = new List<string>();
        var lines = LineIndex(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            problems.Add($"line {(ex.LineNumber ?? 0) + 1}: {ex.Message.Split('.')[0]}.");
            return problems;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add("line 1: the policy must be a JSON object with mailboxRules and/or itemRules.");
                return problems;
            }

            foreach (var duplicate in Duplicates(root))
            {
                problems.Add($"line {lines(duplicate, 0)}: '{duplicate}' appears more than once; only one may stand (JSON readers disagree on which wins).");
            }

            int ordinal = 0;
            var mailboxRules = new List<MailboxRetentionRule>();
            var itemRules = new List<ItemRetentionRule>();
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "version":
                        if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out int version) || version != 1)
                        {
                            problems.Add($"line {lines(property.Name, 0)}: version must be 1.");
                        }

                        break;
                    case "mailboxRules":
                        int m = 0;
                        foreach (var rule in Items(property.Value))
                        {
                            m++;
                            int at = ++ordinal;
                            if (MailboxRule(rule, $"mailboxRules[{m}]", n => lines(n, at), problems) is { } parsed)
                            {
                                mailboxRules.Add(parsed);
                            }
                        }

                        break;
                    case "itemRules":
                        int i = 0;
                        foreach (var rule in Items(property.Value))
                        {
                            i++;
                            int at = ++ordinal;
                            if (ItemRule(rule, $"itemRules[{i}]", n => lines(n, at), problems) is { } parsed)
                            {
                                itemRules.Add(parsed);
                            }
                        }

                        break;
                    default:
                        problems.Add($"line {lines(property.Name, 0)}: unknown setting '{property.Name}' (expected version, mailboxRules, itemRules).");
                        break;
                }
            }

            if (problems.Count == 0 && mailboxRules.Count + itemRules.Count == 0)
            {
                problems.Add("line 1: the policy has no rules.");
            }

            policy = new RetentionPolicy { MailboxRules = mailboxRules, ItemRules = itemRules };
        }

        return problems;
    }

    private static IEnumerable<JsonElement> Items(JsonElement value) => value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : Enumerable.Empty<JsonElement>();

    private static MailboxRetentionRule? MailboxRule(JsonElement rule, string where, Func<string, int> line, List<string> problems)
    {
        int before = problems.Count;
        string name = Text(rule, "name") ?? where;
        var folders = rule.TryGetProperty("folders", out var f) && f.ValueKind == JsonValueKind.Array
            ? f.EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToList()
            : new List<string> { "inbox", "outbox", "sentitems", "deleteditems" };
        foreach (string folder in folders.Where(x => !new[] { "inbox", "outbox", "sentitems", "deleteditems" }.Contains(x, StringComparer.OrdinalIgnoreCase)))
        {
            problems.Add($"line {line("folders")}: {where}: '{folder}' is not a standard folder (inbox, outbox, sentitems, deleteditems); custom folders are the employee's own filing.");
        }

        var age = Age(rule, where, line, problems);
        string action = Text(rule, "action") ?? "Delete";
        string? destination = Text(rule, "destination");
        CheckAction(action, destination, where, line, problems);
        CheckUnknown(rule, new[] { "name", "folders", "olderThan", "action", "destination", "legalBasis" }, where, line, problems);
        return problems.Count > before || age is null ? null : new MailboxRetentionRule(name, folders, age, Normalize(action), destination, Text(rule, "legalBasis") ?? string.Empty);
    }

    private static ItemRetentionRule? ItemRule(JsonElement rule, string where, Func<string, int> line, List<string> problems)
    {
        int before = problems.Count;
        string name = Text(rule, "name") ?? where;
        string scope = Text(rule, "scope") ?? string.Empty;
        if (!Scopes.Contains(scope, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"line {line("scope")}: {where}: scope must be drive, share or blob.");
        }

        string? metadata = Text(rule, "dateMetadata");
        string? dateProperty = Text(rule, "dateProperty");
        if ((metadata is null) == (dateProperty is null))
        {
            problems.Add($"line {line("name")}: {where}: give exactly one of dateMetadata (a metadata field holding a date, such as ConsentWithdrawn) or dateProperty (Created or Modified).");
        }
        else if (dateProperty is not null && !new[] { "Created", "Modified" }.Contains(dateProperty, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"line {line("dateProperty")}: {where}: dateProperty must be Created or Modified.");
        }

        var age = Age(rule, where, line, problems);
        string action = Text(rule, "action") ?? "Delete";
        CheckAction(action, Text(rule, "destination"), where, line, problems);
        if (Text(rule, "legalBasis") is null)
        {
            problems.Add($"line {line("name")}: {where}: legalBasis is required (why this data may be kept this long).");
        }

        CheckUnknown(rule, new[] { "name", "scope", "dateMetadata", "dateProperty", "olderThan", "action", "destination", "legalBasis" }, where, line, problems);
        return problems.Count > before || age is null ? null : new ItemRetentionRule(name, scope.ToLowerInvariant(), metadata, dateProperty, age, Normalize(action), Text(rule, "legalBasis")!);
    }

    private static RetentionAge? Age(JsonElement rule, string where, Func<string, int> line, List<string> problems)
    {
        string? text = Text(rule, "olderThan");
        if (text is null)
        {
            problems.Add($"line {line("name")}: {where}: olderThan is required (6mo, 180d, 2y, a time span or a date).");
            return null;
        }

        try
        {
            return RetentionAge.Parse(text);
        }
        catch (GdprOpsException ex)
        {
            problems.Add($"line {line("olderThan")}: {where}: {ex.Message}");
            return null;
        }
    }

    private static void CheckAction(string action, string? destination, string where, Func<string, int> line, List<string> problems)
    {
        if (!Actions.Contains(action, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"line {line("action")}: {where}: action must be Delete, Purge or Move.");
        }
        else if (action.Equals("Move", StringComparison.OrdinalIgnoreCase) && destination is null)
        {
            problems.Add($"line {line("action")}: {where}: action Move needs a destination.");
        }
        else if (action.Equals("Move", StringComparison.OrdinalIgnoreCase) && destination is { } target
            && new[] { "deleteditems", "deleted items", "recoverableitemsdeletions", "recoverable items" }.Contains(target.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"line {line("destination")}: {where}: moving mail to Deleted Items or Recoverable Items is not filing it elsewhere; use action Delete, or name a real folder.");
        }
    }

    /// <summary>Property names an object carries more than once.</summary>
    internal static IEnumerable<string> Duplicates(JsonElement element) =>
        element.ValueKind != JsonValueKind.Object
            ? Enumerable.Empty<string>()
            : element.EnumerateObject().GroupBy(p => p.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);

    private static void CheckUnknown(JsonElement rule, string[] known, string where, Func<string, int> line, List<string> problems)
    {
        if (rule.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"line {line("name")}: {where} must be an object.");
            return;
        }

        foreach (var duplicate in Duplicates(rule))
        {
            problems.Add($"line {line(duplicate)}: {where}: '{duplicate}' appears more than once; only one may stand (a hidden second value must never decide what is deleted).");
        }

        if (rule.TryGetProperty("legalBasis", out var basis) && (basis.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(basis.GetString())))
        {
            problems.Add($"line {line("legalBasis")}: {where}: legalBasis is empty; say why this data may be kept this long.");
        }

        foreach (var property in rule.EnumerateObject().Where(p => !known.Contains(p.Name)))
        {
            problems.Add($"line {line(property.Name)}: {where}: unknown setting '{property.Name}'.");
        }
    }

    private static string Normalize(string action) => Actions.First(a => a.Equals(action, StringComparison.OrdinalIgnoreCase));

    private static string? Text(JsonElement rule, string name) =>
        rule.ValueKind == JsonValueKind.Object && rule.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>
    /// Where each setting stands, for messages: (name, rule) gives the line of <c>name</c> inside the rule-th rule
    /// (1-based, counting mailbox and item rules in file order), or of a top-level setting for rule 0; else the line
    /// of the rule itself, else 1. Positions come from <see cref="Utf8JsonReader"/>; a text it cannot read has no
    /// positions (the parse error names its own line).
    /// </summary>
    private static Func<string, int, int> LineIndex(string json)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        var lineStarts = new List<long> { 0 };
        for (int i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        int LineOf(long offset)
        {
            int index = lineStarts.BinarySearch(offset);
            return (index >= 0 ? index : ~index - 1) + 1;
        }

        var keys = new Dictionary<(string Name, int Rule), int>();
        var ruleLines = new List<int>();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth == 2)
                {
                    ruleLines.Add(LineOf(reader.TokenStartIndex));
                }
                else if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth is 1 or 3)
                {
                    var key = (reader.GetString() ?? string.Empty, reader.CurrentDepth == 1 ? 0 : ruleLines.Count);
                    if (!keys.ContainsKey(key))
                    {
                        keys[key] = LineOf(reader.TokenStartIndex);
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Positions up to the error are kept; the parse error itself is reported with its line.
        }

        return (name, rule) => keys.TryGetValue((name, rule), out int line) ? line
            : rule > 0 && rule <= ruleLines.Count ? ruleLines[rule - 1]
            : 1;
    }
}

/// <summary>A mailbox folder rule: items in these standard folders older than the age get the action.</summary>
public sealed record MailboxRetentionRule(string Name, IReadOnlyList<string> Folders, RetentionAge OlderThan, string Action, string? Destination, string LegalBasis);

/// <summary>An age or metadata rule for drives, shares or blobs (Test-ItemRetention, Invoke-ItemRetention).</summary>
public sealed record ItemRetentionRule(string Name, string Scope, string? DateMetadata, string? DateProperty, RetentionAge OlderThan, string Action, string LegalBasis);
