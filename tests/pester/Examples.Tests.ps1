#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Every example users read (the help of every cmdlet, README.md, docs/*.md) is checked and, unless it needs what no
# test machine has (a real tenant's sign-in, Windows Task Scheduler, a person at the keyboard), run under real pwsh:
# local paths against a sandbox built from the samples, Microsoft 365 against the Graph simulator, Azure Blob
# against Azurite. An example that does not run is a failing test.

BeforeDiscovery {
    $repo = (Resolve-Path "$PSScriptRoot/../..").Path
    Import-Module "$repo/out/GdprOps/GdprOps.psd1" -Force -ErrorAction Stop
    . "$PSScriptRoot/Support.ps1"
    $examples = @(Get-DocumentedExample -Repo $repo | ForEach-Object { $_.Reason = Get-NotRunnableReason -Code $_.Code; $_ })
    $runnable = @($examples | Where-Object { -not $_.Reason })
    $checkedOnly = @($examples | Where-Object { $_.Reason })
}

BeforeAll {
    $repo = (Resolve-Path "$PSScriptRoot/../..").Path
    $module = "$repo/out/GdprOps/GdprOps.psd1"
    Import-Module $module -Force -ErrorAction Stop
    . "$PSScriptRoot/Support.ps1"
}

Describe 'Documented examples' {
    It '<Source> example <Number> parses and calls only real GdprOps commands and parameters' -ForEach $examples {
        $tokens = $null
        $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref] $tokens, [ref] $errors)
        $errors | Should -BeNullOrEmpty
        # Engine types live in the module's own load context: a type literal cannot resolve in the user's session.
        $Code | Should -Not -Match '\[GdprOps\.'
        foreach ($call in $ast.FindAll({ param($a) $a -is [System.Management.Automation.Language.CommandAst] }, $true)) {
            $name = $call.GetCommandName()
            if ($name -notlike '*-*' -or -not (Get-Command $name -Module GdprOps -ErrorAction Ignore)) { continue }
            # Each parameter names exactly one of the cmdlet's parameters (by name, alias or unambiguous prefix), as
            # the binder will. (StaticParameterBinder cannot be used: it loads the parameters' types, which live in
            # the module's own load context.)
            $command = Get-Command $name -Module GdprOps
            foreach ($parameter in $call.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] }) {
                $given = $parameter.ParameterName
                $exact = @($command.Parameters.Values | Where-Object { $_.Name -eq $given -or $_.Aliases -contains $given })
                $prefix = @($command.Parameters.Values | Where-Object { $_.Name -like "$given*" })
                ($exact.Count -eq 1 -or $prefix.Count -eq 1) | Should -BeTrue -Because "$name -$given in $Source example $Number must name one parameter"
            }
        }
    }
}

Describe 'Documented examples run' {
    BeforeAll {
        # Built once; each example runs in its own copy, so one example's output never stands in another's way.
        $template = Join-Path $TestDrive 'world'
        New-ExampleWorld -Repo $repo -World $template
        $exampleCount = 0
        $simulator = Start-GraphSimulator -Repo $repo -Arguments @('--users', '3', '--seed', '7', '--domain', 'contoso.com', '--named-users', 'anna,soeren,support,hr')
        $azurite = Start-Azurite -Repo $repo
        foreach ($container in 'contracts', 'signups') {
            Invoke-BlobRequest -ConnectionString $azurite.ConnectionString -Method PUT -Resource $container -Query @{ restype = 'container' }
        }
        $body = [System.Text.Encoding]::UTF8.GetBytes('Contract for Søren Østergaard, CPR 010190-1234, IBAN DK50 0040 0440 1162 43')
        Invoke-BlobRequest -ConnectionString $azurite.ConnectionString -Method PUT -Resource 'contracts/2024/contract-0042.txt' -Body $body -Headers @{ 'x-ms-blob-type' = 'BlockBlob' }
        Invoke-BlobRequest -ConnectionString $azurite.ConnectionString -Method PUT -Resource 'signups/signup-0007.txt' -Body $body -Headers @{ 'x-ms-blob-type' = 'BlockBlob'; 'x-ms-meta-ConsentWithdrawn' = '2021-03-01' }

        $env:GDPROPS_STORAGE = $azurite.ConnectionString
        $env:GDPROPS_BLOB_CONNECTION_STRING = $azurite.ConnectionString
        $savedLocations = $env:GDPROPS_AUDIT_LOG, $env:GDPROPS_CASES
        $ExampleEndpoint = $simulator.Endpoint
        $ExampleToken = [System.Net.NetworkCredential]::new('', 'simulator-token').SecurePassword
    }

    AfterEach {
        Pop-Location
    }

    foreach ($example in $checkedOnly) {
        It "$($example.Source) example $($example.Number) is checked above, not run: it $($example.Reason)" -Skip { }
    }

    AfterAll {
        Disconnect-GdprOps
        Stop-TestServer $simulator
        Stop-TestServer $azurite
        Remove-Item Env:GDPROPS_STORAGE, Env:GDPROPS_BLOB_CONNECTION_STRING -ErrorAction Ignore
        $env:GDPROPS_AUDIT_LOG, $env:GDPROPS_CASES = $savedLocations
    }

    It '<Source> example <Number> runs without an error' -ForEach $runnable {
        $world = Join-Path $TestDrive "world-$((++$script:exampleCount))"
        Copy-Item -Path $template -Destination $world -Recurse
        Push-Location $world
        $env:GDPROPS_AUDIT_LOG = Join-Path $world 'audit.log'
        $env:GDPROPS_CASES = Join-Path $world 'cases'
        # What an example takes as done before it: verifying a package needs the package.
        if ($Code -match 'Test-SubjectExport' -and $Code -notmatch 'Export-SubjectData') { Add-ExamplePackage -World $world }
        $script = ConvertTo-WorldExample -Code $Code -World $world -Endpoint $ExampleEndpoint -Module $module
        # Signed in to the simulator, as an example that names mailboxes assumes; the variables examples take as given.
        Connect-GdprOps -AccessToken $ExampleToken -GraphEndpoint $ExampleEndpoint | Out-Null
        $subject = New-SubjectProfile -Path (Join-Path $world 'subject.json')
        $appId = '7f9c1e2a-0000-4000-8000-0123456789ab'
        $thumbprint = '3A1F0C9E8D7B6A5F4E3D2C1B0A9F8E7D6C5B4A39'
        $ErrorActionPreference = 'Stop'
        $ConfirmPreference = 'None'
        # Rendered as a console would (the default views included).
        $null = . ([scriptblock]::Create($script)) | Out-String -Width 120
    }
}
