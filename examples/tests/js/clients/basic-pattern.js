try {
const response = await fetch('/v1/clients', {
method: 'POST',
headers: { 'Authorization': `Bearer ${apiKey}` },
body: JSON.stringify(data)
});
if (!response.ok) {
const error = await response.json();
handleError(error);
return;
}
const result = await response.json();
// Success
} catch (networkError) {
// Network failure
}
