using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using System.Text;
using GdprOps.Retention;

namespace GdprOps.PowerShell.Host;

/// <summary>Reads a retention policy from .json, or from a .psd1 data file (a hashtable with the same keys) through the PowerShell parser.</summary>
internal static class PolicyFiles
{
    /// <summary>The policy at <paramref name="path"/>; an invalid one is a RetentionPolicyInvalid refusal listing its problems.</summary>
    public static RetentionPolicy Load(string path)
    {
        var validation = Validate(path, out var policy);
        return policy ?? throw new GdprOpsException(ErrorIds.RetentionPolicyInvalid, ErrorKind.InvalidData,
            "The retention policy is not valid (see Test-RetentionPolicy):\n" + validation.Problems);
    }

    public static RetentionPolicyValidation Validate(string path, out RetentionPolicy? policy)
    {
        policy = null;
        var result = new RetentionPolicyValidation { Path = path };
        if (!File.Exists(path))
        {
            result.Problems = $"No retention policy at '{path}'.";
            return result;
        }

        string json;
        bool fromData = path.EndsWith(".psd1", System.StringComparison.OrdinalIgnoreCase);
        if (fromData)
        {
            var ast = Parser.ParseFile(path, out _, out var errors);
            if (errors.Length > 0)
            {
                result.Problems = string.Join("\n", errors.Select(e => $"line {e.Extent.StartLineNumber}: {e.Message}"));
                return result;
            }

            if (ast.Find(a => a is HashtableAst, searchNestedScriptBlocks: false) is not HashtableAst table)
            {
                result.Problems = "line 1: a .psd1 policy must hold one hashtable (@{ mailboxRules = @(...) }).";
                return result;
            }

            json = ToJson(table.SafeGetValue());
        }
        else
        {
            json = File.ReadAllText(path, Encoding.UTF8);
        }

        var problems = RetentionPolicy.Validate(json, out policy);
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

    private static string ToJson(object? value) => value switch
    {
        null => "null",
        IDictionary dictionary => "{" + string.Join(",", dictionary.Keys.Cast<object>().Select(k => Quote(k.ToString() ?? string.Empty) + ":" + ToJson(dictionary[k]))) + "}",
        string text => Quote(text),
        bool flag => flag ? "true" : "false",
        int or long or double => System.Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
        IEnumerable items => "[" + string.Join(",", items.Cast<object?>().Select(ToJson)) + "]",
        _ => Quote(value.ToString() ?? string.Empty),
    };

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
