app_name = "activity"

# The activity record pages are being built.
urlpatterns = []
