function handleError(error) {
switch (error.error.code) {
case 'unauthorized':
// Refresh auth or prompt login
break;
case 'not_found':
// Resource was deleted
break;
case 'rate_limit_exceeded':
// Wait and retry
break;
case 'validation_error':
// Show field errors to user
break;
default:
// Log and show generic message
}
}
