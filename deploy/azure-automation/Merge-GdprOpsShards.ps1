<#
.SYNOPSIS
    Azure Automation runbook: joins the shard reports Invoke-GdprOpsShard.ps1 wrote into one findings report, after
    checking with each report's shard manifest that every shard K-of-N of one run is there exactly once, unchanged,
    and that no mailbox was swept by two shards (Import-PersonalDataReport -CheckShards): otherwise nothing is merged.
#>
param(
    [Parameter(Mandatory)] [ValidateRange(1, 10000)] [int] $ShardCount,
    [Parameter(Mandatory)] [string] $ResultsPath
)

$ErrorActionPreference = 'Stop'
Import-Module GdprOps
$reports = foreach ($k in 1..$ShardCount) {
    $path = Join-Path $ResultsPath "findings.$k-of-$ShardCount.csv"
    if (-not (Test-Path -LiteralPath $path)) { throw "Shard $k/$ShardCount has no report ($path): its job has not finished. Nothing was merged." }
    $path
}

$merged = Join-Path $ResultsPath 'findings.csv'
Import-PersonalDataReport -Path $reports -CheckShards | Export-PersonalDataReport -Path $merged
Write-Output "Merged $ShardCount shard(s) into $merged"
