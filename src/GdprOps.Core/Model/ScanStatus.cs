namespace GdprOps.Model;

/// <summary>Whether an item was read completely. Anything not Scanned is never to be taken as clean.</summary>
public enum ScanStatus
{
    Scanned,
    Partial,
    NotScanned,
}
