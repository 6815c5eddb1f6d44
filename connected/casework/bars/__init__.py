"""The NHS Booking and Referral Standard (BaRS) receiver at /fhir/ (ADR 0014, ADR 0024).

`casework.fhir` reads what a sender posts, `services` changes referrals from it,
`idempotency` answers resends, `replies` and `errors` shape what goes back,
`capability` says what this receiver does, `views` is the HTTP.
"""
