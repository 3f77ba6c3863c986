// Compile-only reference: the shape of Microsoft.Azure.Functions.Worker.Extensions.Http(.AspNetCore) (see README.md).
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>Who may call an HTTP function: Function needs a function or host key.</summary>
public enum AuthorizationLevel
{
    Anonymous,
    User,
    Function,
    System,
    Admin,
}

/// <summary>Runs a function for HTTP requests on a route (under the "api/" prefix).</summary>
public sealed class HttpTriggerAttribute : TriggerBindingAttribute
{
    public HttpTriggerAttribute()
    {
    }

    public HttpTriggerAttribute(params string[] methods) => Methods = methods;

    public HttpTriggerAttribute(AuthorizationLevel authLevel) => AuthLevel = authLevel;

    public HttpTriggerAttribute(AuthorizationLevel authLevel, params string[] methods)
    {
        AuthLevel = authLevel;
        Methods = methods;
    }

    public string? Route { get; set; }

    public string[]? Methods { get; private set; }

    public AuthorizationLevel AuthLevel { get; set; }
}

/// <summary>Marks the property of a multi-output type that is the HTTP response.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class HttpResultAttribute : Attribute
{
}
