<#
.SYNOPSIS
    Azure Automation runbook (Hybrid Runbook Worker group, PowerShell 7; the suite runs it under pwsh 7.6.9): one
    shard of a discovery sweep of every mailbox. Start it N times, once per shard, all with one run id
    (Start-AzAutomationRunbook -Parameters @{ Shard = K; ShardCount = N; RunId = 'weekly-2026-48'; ... }),
    on a hybrid worker group whose machines have the GdprOps module and the app's certificate; then run
    Merge-GdprOpsShards.ps1 once every job has finished.

.DESCRIPTION
    The shard's mailboxes are those whose stable hash falls in K/N, the same split on every worker, so no mailbox is
    read by two workers (Graph allows 4 requests in flight per app and mailbox). The shard writes
    findings.K-of-N.csv with its manifest (findings.K-of-N.csv.shard.json: run id, K/N, the mailboxes swept, the
    count, the report's hash) and keeps its own checkpoint in the results folder: a job that is stopped and started
    again goes on where it stopped. Every shard must get the same -RunId (the merge refuses shards of two runs).
#>
param(
    [Parameter(Mandatory)] [ValidateRange(1, 10000)] [int] $Shard,
    [Parameter(Mandatory)] [ValidateRange(1, 10000)] [int] $ShardCount,
    [Parameter(Mandatory)] [string] $ResultsPath,
    [Parameter(Mandatory)] [string] $TenantId,
    [Parameter(Mandatory)] [string] $ClientId,
    [Parameter(Mandatory)] [string] $CertificateThumbprint,
    [Parameter(Mandatory)] [string] $RunId
)

$ErrorActionPreference = 'Stop'
if ($Shard -gt $ShardCount) { throw "Shard $Shard of $ShardCount does not exist." }
Import-Module GdprOps
Connect-GdprOps -TenantId $TenantId -ClientId $ClientId -CertificateThumbprint $CertificateThumbprint | Out-Null

$checkpoint = Join-Path $ResultsPath "checkpoint.$Shard-of-$ShardCount.json"
# -ReportPath names the report findings.K-of-N.csv and writes its shard manifest beside it.
Find-PersonalData -AllMailboxes -Discover -Shard "$Shard/$ShardCount" -RunId $RunId -CheckpointPath $checkpoint `
    -ReportPath (Join-Path $ResultsPath 'findings.csv') -ErrorAction Continue | Out-Null
Write-Output "Shard $Shard/$ShardCount of $RunId done: $(Join-Path $ResultsPath "findings.$Shard-of-$ShardCount.csv")"
