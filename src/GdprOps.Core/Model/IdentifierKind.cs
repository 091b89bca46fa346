using System.Diagnostics.CodeAnalysis;

namespace GdprOps.Model;

/// <summary>
/// The kinds of identifier a subject profile holds. The national id names are the detector ids of
/// DETECTORS.md and part of the public interface (they appear in SubjectMatches).
/// </summary>
[SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "Public detector ids.")]
public enum IdentifierKind
{
    Email,
    Name,
    Phone,
    DK_CPR,
    NL_BSN,
    UK_NINO,
    OtherId,
}
