using System;
using System.Collections.Generic;
using System.Linq;

namespace GdprOps.Detection.Discovery;

/// <summary>
/// The detector ids of DETECTORS.md. They are public interface: they appear in output and CSV reports and
/// users filter on them. Never rename one.
/// </summary>
public static class DetectorIds
{
    public const string DkCpr = "DK_CPR";
    public const string NlBsn = "NL_BSN";
    public const string UkNino = "UK_NINO";
    public const string Iban = "IBAN";
    public const string PaymentCard = "PAYMENT_CARD";
    public const string Email = "EMAIL";
    public const string Phone = "PHONE";
    public const string IpAddress = "IP_ADDRESS";
    public const string PostcodeNl = "POSTCODE_NL";
    public const string PostcodeUk = "POSTCODE_UK";
    public const string PostcodeDk = "POSTCODE_DK";
    public const string DateOfBirth = "DATE_OF_BIRTH";
    public const string Health = "ART9_HEALTH";
    public const string Religion = "ART9_RELIGION";
    public const string EthnicOrigin = "ART9_ETHNIC_ORIGIN";
    public const string Political = "ART9_POLITICAL";
    public const string TradeUnion = "ART9_TRADE_UNION";
    public const string SexLife = "ART9_SEX_LIFE";
    public const string Genetic = "ART9_GENETIC";
    public const string Biometric = "ART9_BIOMETRIC";
    public const string Criminal = "ART10_CRIMINAL";

    public static readonly IReadOnlyList<string> Identifiers = new[]
    {
        DkCpr, NlBsn, UkNino, Iban, PaymentCard, Email, Phone, IpAddress, PostcodeNl, PostcodeUk, PostcodeDk, DateOfBirth,
    };

    public static readonly IReadOnlyList<string> SpecialCategories = new[]
    {
        Health, Religion, EthnicOrigin, Political, TradeUnion, SexLife, Genetic, Biometric, Criminal,
    };

    public static readonly IReadOnlyList<string> All = Identifiers.Concat(SpecialCategories).ToArray();

    private static readonly Dictionary<string, int> Positions = All.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);

    /// <summary>Where <paramref name="id"/> stands in the catalogue (<see cref="All"/>), for ordering output; -1 when it is not a detector id.</summary>
    public static int CatalogueIndex(string id) => Positions.TryGetValue(id, out int i) ? i : -1;

    /// <summary>Checks requested ids; an unknown one is an invalid call that lists the valid ids.</summary>
    public static IReadOnlyList<string> Validate(IEnumerable<string>? requested)
    {
        var list = (requested ?? Enumerable.Empty<string>()).Select(r => r.Trim().ToUpperInvariant()).Where(r => r.Length > 0).Distinct().ToList();
        var unknown = list.Where(r => !All.Contains(r, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new GdprOpsException(ErrorIds.UnknownCategory, ErrorKind.InvalidArgument,
                $"Unknown categor{(unknown.Count == 1 ? "y" : "ies")} {string.Join(", ", unknown)}. Valid ids: {string.Join(", ", All)}.");
        }

        return list;
    }
}
