using System.Management.Automation;

namespace GdprOps.PowerShell.Adapters;

/// <summary>
/// Gives every output object a stable type name users can filter on in their own session. The engine's types live
/// in the module's own load context, so a type literal such as [GdprOps.Retention.MailboxRetentionSummary] cannot resolve
/// in a user's script; $_.PSTypeNames -contains 'GdprOps.MailboxRetentionSummary' always works (and so does
/// Where-Object { $_.PSObject.TypeNames -contains ... }). The .NET type name stays next in the list, so the format
/// views still apply.
/// </summary>
internal static class OutputTypeNames
{
    public const string Prefix = "GdprOps.";

    /// <summary>
    /// Names the mailbox retention types had before they were named like their item retention twins: still on the
    /// objects, after the current name, so scripts that filter on them keep working.
    /// </summary>
    private static readonly System.Collections.Generic.Dictionary<string, string> FormerNames = new(System.StringComparer.Ordinal)
    {
        ["MailboxRetentionSummary"] = "RetentionSummary",
        ["MailboxRetentionViolation"] = "RetentionViolation",
        ["MailboxRetentionEnforcementResult"] = "RetentionEnforcementResult",
        ["MailboxRetentionEnforcementSummary"] = "RetentionEnforcementSummary",
    };

    public static object Tag(object item)
    {
        if (item is null || item is PSObject { BaseObject: null })
        {
            return item!;
        }

        var wrapped = PSObject.AsPSObject(item);
        string name = Prefix + wrapped.BaseObject.GetType().Name;
        if (wrapped.BaseObject.GetType().Namespace?.StartsWith("GdprOps", System.StringComparison.Ordinal) == true && !wrapped.TypeNames.Contains(name))
        {
            wrapped.TypeNames.Insert(0, name);
            if (FormerNames.TryGetValue(wrapped.BaseObject.GetType().Name, out string? former))
            {
                wrapped.TypeNames.Insert(1, Prefix + former);
            }
        }

        return wrapped;
    }
}
