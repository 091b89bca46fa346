using System;
using System.Globalization;
using System.Management.Automation;
using GdprOps.Export;
using GdprOps.Model;

namespace GdprOps.PowerShell.Adapters;

/// <summary>
/// Turns pipeline input into findings: our own objects as they are, anything else (Import-Csv rows,
/// Select-Object output, hashtables) by property name through the same mapping the CSV reader uses.
/// </summary>
internal static class FindingInput
{
    public static Finding Convert(PSObject input, string where)
    {
        if (input.BaseObject is Finding finding)
        {
            return finding;
        }

        if (input.BaseObject is GdprOps.Removal.RemovalResult removal)
        {
            // The erasure record for the DPO: the outcome in Decision, the service's detail in StatusReason.
            return new Finding
            {
                SourceKind = removal.SourceKind,
                Source = removal.Source,
                Location = removal.Location,
                ItemId = removal.ItemId,
                ItemName = removal.ItemName,
                ItemUri = removal.ItemUri,
                Version = removal.Version,
                CaseId = removal.CaseId,
                Modified = removal.Time,
                Status = ScanStatus.Scanned,
                Decision = removal.Outcome,
                StatusReason = $"{removal.Mode}: {removal.Detail}",
            };
        }

        if (input.BaseObject is System.Collections.IDictionary dictionary)
        {
            return FindingColumns.FromFields(name => Text(Lookup(dictionary, name)), where);
        }

        return FindingColumns.FromFields(name => Text(input.Properties[name]?.Value), where);
    }

    private static object? Lookup(System.Collections.IDictionary dictionary, string name)
    {
        foreach (System.Collections.DictionaryEntry entry in dictionary)
        {
            if (string.Equals(entry.Key?.ToString(), name, StringComparison.OrdinalIgnoreCase))
            {
                return entry.Value;
            }
        }

        return null;
    }

    private static string? Text(object? value)
    {
        value = value is PSObject wrapped ? wrapped.BaseObject : value;
        return value switch
        {
            null => null,
            DateTimeOffset d => d.ToString("o", CultureInfo.InvariantCulture),
            DateTime d => d.ToString("o", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }
}
