#!/usr/bin/env pwsh
# Bootstrap for the ItemEval front end, NUKE-style: find the SDK global.json asks for, build the front end
# (quietly), then run it with the arguments:  ./build.ps1 --help
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'; $env:DOTNET_NOLOGO = '1'; $env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'; $env:MSBUILDDISABLENODEREUSE = '1'

$wanted = (Get-Content (Join-Path $root 'global.json') -Raw | ConvertFrom-Json).sdk.version
$want = [version]$wanted
$dotnet = Get-Command dotnet -ErrorAction SilentlyContinue
$ok = $false
if ($dotnet) {
    foreach ($line in & $dotnet.Source --list-sdks) {
        $v = [version]($line -split ' ')[0].Split('-')[0]
        if ($v.Major -eq $want.Major -and $v.Minor -eq $want.Minor -and [math]::Floor($v.Build / 100) -ge [math]::Floor($want.Build / 100) -and $v -ge $want) { $ok = $true }
    }
}
if (-not $ok) {
    Write-Error "the .NET SDK $wanted (or a later feature band of $($want.Major).$($want.Minor)) is required by global.json but was not found; install it and run ./build.ps1 again."
    exit 2
}

$frontend = Join-Path $root 'build/bin/Release/net10.0/ItemEval.Build.dll'
$log = & $dotnet.Source build (Join-Path $root 'build/ItemEval.Build.csproj') -c Release -nodeReuse:false -v q -nologo 2>&1
if ($LASTEXITCODE -ne 0) { $log | Write-Host; Write-Error 'building the ItemEval front end failed (output above).'; exit 2 }
& $dotnet.Source $frontend @args
exit $LASTEXITCODE
