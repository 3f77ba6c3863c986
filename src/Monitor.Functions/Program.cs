using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NewsMonitor.Azure;
using NewsMonitor.Management;
using NewsMonitor.Pipeline;

// The one file only a real host runs (the tests call the function classes themselves): keep it this small.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();
builder.Services.AddNewsMonitorAzure(builder.Configuration);
builder.Services.AddNewsMonitor(builder.Configuration);
builder.Services.AddNewsMonitorManagement(builder.Configuration);
builder.Build().Run();
