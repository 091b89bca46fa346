namespace GdprOps.Model;

/// <summary>How sure a finding is; the numbers are the scores of DETECTORS.md.</summary>
public enum Confidence
{
    Low = 65,
    Medium = 75,
    High = 85,
}
