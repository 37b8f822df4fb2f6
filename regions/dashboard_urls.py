app_name = "dashboards"

# The national and regional dashboards are being built.
urlpatterns = []
