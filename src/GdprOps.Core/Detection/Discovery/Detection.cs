namespace GdprOps.Detection.Discovery;

/// <summary>One piece of personal data a detector found: its id, span, score (65/75/85) and masked form.</summary>
public readonly record struct Detection(string DetectorId, int Start, int Length, int Score, string Masked);
